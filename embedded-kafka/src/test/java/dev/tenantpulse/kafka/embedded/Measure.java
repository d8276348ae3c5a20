package dev.tenantpulse.kafka.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prints, never asserts, what the first successful broker start of this test JVM cost: time until
 * the acks=all probe was acknowledged, and the JVM's resident set size before and after.
 */
final class Measure {

  private static final AtomicBoolean MEASURED = new AtomicBoolean();

  private Measure() {}

  /** Starts the broker, measuring it when it is the first start of this JVM. */
  static void start(EmbeddedKafkaBroker broker) {
    if (MEASURED.get()) {
      broker.start();
      return;
    }
    long rssBefore = residentKib();
    long begin = System.nanoTime();
    broker.start();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    long rssAfter = residentKib();
    if (MEASURED.compareAndSet(false, true)) {
      System.out.printf(
          "[measure] first broker start in this JVM: %d ms to an acknowledged acks=all produce;"
              + " JVM RSS %d MiB -> %d MiB (+%d MiB)%n",
          millis, rssBefore / 1024, rssAfter / 1024, (rssAfter - rssBefore) / 1024);
    }
  }

  /** VmRSS from /proc (Linux); -1 elsewhere. */
  private static long residentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
