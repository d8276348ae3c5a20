package dev.tenantpulse.standalone.soak;

import dev.tenantpulse.standalone.Endpoints;
import dev.tenantpulse.standalone.e2e.StandaloneProcess;
import dev.tenantpulse.standalone.support.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runtime under test: {@code bin/tenant-pulse}'s main as a child process of this one (started
 * as the end-to-end test starts it, every port chosen free so it runs beside anything else), or a
 * runtime already running, found through its data directory's {@code endpoints.json}.
 */
final class SoakTarget implements AutoCloseable {

  /** A start restores the job's state; at 100 M ids that is part of what is measured. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(15);

  /** A clean stop takes a savepoint (the runtime gives it 2 minutes, then cancels). */
  static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);

  private final Path dataDir;
  private final StandaloneProcess process;
  private final Optional<String> givenToken;
  private final List<String> arguments;
  private Endpoints endpoints;
  private volatile boolean launched;

  private SoakTarget(
      Path dataDir, StandaloneProcess process, Optional<String> givenToken, List<String> extra) {
    this.dataDir = dataDir;
    this.process = process;
    this.givenToken = givenToken;
    this.arguments = Stream.concat(FreePorts.ARGUMENTS.stream(), extra.stream()).toList();
  }

  /**
   * A child process on {@code dataDir}, which must be new or empty.
   *
   * @param extra more options of {@code bin/tenant-pulse}
   */
  static SoakTarget child(Path dataDir, List<String> extra) throws IOException {
    if (Files.isDirectory(dataDir)) {
      try (var entries = Files.list(dataDir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "--data-dir " + dataDir + " is not empty: the soak starts on fresh data");
        }
      }
    }
    Files.createDirectories(dataDir);
    SoakTarget target =
        new SoakTarget(dataDir, new StandaloneProcess(dataDir), Optional.empty(), extra);
    // Ctrl-C reaches the child too (same process group); a plain kill of this JVM does not.
    Runtime.getRuntime().addShutdownHook(new Thread(target::stopQuietly, "soak-stop-child"));
    return target;
  }

  /** The runtime running on {@code dataDir}. */
  static SoakTarget attach(Path dataDir, Optional<String> adminToken) throws IOException {
    SoakTarget target = new SoakTarget(dataDir, null, adminToken, List.of());
    Path file = dataDir.resolve("endpoints.json");
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          "no " + file + ": is bin/tenant-pulse running with --data-dir " + dataDir + "?");
    }
    target.endpoints = Endpoints.read(file);
    if (!Files.exists(Path.of("/proc", Long.toString(target.endpoints.pid())))) {
      throw new IllegalArgumentException(
          file + " names process " + target.endpoints.pid() + ", which is not running");
    }
    return target;
  }

  /** Starts the child (again) and waits until everything in it has started. */
  Endpoints start() throws Exception {
    launched = true;
    endpoints = process.start(START_TIMEOUT, arguments);
    return endpoints;
  }

  /**
   * Stops the child as Ctrl-C does and waits for it.
   *
   * @return its exit status
   */
  int stop() throws InterruptedException {
    return process.stop(STOP_TIMEOUT);
  }

  boolean ownsProcess() {
    return process != null;
  }

  Endpoints endpoints() {
    return endpoints;
  }

  Path dataDir() {
    return dataDir;
  }

  /** The admin token: the one given, else the one the runtime generated into its data directory. */
  String adminToken() throws IOException {
    if (givenToken.isPresent()) {
      return givenToken.get();
    }
    Path file = dataDir.resolve("admin-token");
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          "no " + file + ": the runtime was given its admin token; pass it with --admin-token");
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  /** Where the child's terminal output goes (warnings and errors; the full log is under logs/). */
  Path terminalLog() {
    return dataDir.resolveSibling(dataDir.getFileName() + "-terminal.log");
  }

  /** Stops the child if it runs (a stopped one answers at once); kills it if it will not stop. */
  private void stopQuietly() {
    if (!launched) {
      return;
    }
    try {
      process.stop(STOP_TIMEOUT);
    } catch (InterruptedException | AssertionError e) {
      process.close();
    }
  }

  @Override
  public void close() {
    if (process != null) {
      stopQuietly();
      process.close();
    }
  }
}
