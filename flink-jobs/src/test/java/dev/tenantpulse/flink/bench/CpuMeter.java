package dev.tenantpulse.flink.bench;

import java.lang.management.ManagementFactory;

/**
 * The process's CPU time between laps: per event it is steadier than events/s on a shared 2-core
 * machine, and CPU time over wall time shows whether a phase used both cores or waited on one
 * serial step.
 */
final class CpuMeter {

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuNanos;
  private long wallNanos;

  private CpuMeter() {
    cpuNanos = os.getProcessCpuTime();
    wallNanos = System.nanoTime();
  }

  static CpuMeter start() {
    return new CpuMeter();
  }

  /** CPU and wall time since the last lap (or the start). */
  Reading lap() {
    long cpu = os.getProcessCpuTime();
    long wall = System.nanoTime();
    Reading r = new Reading(cpu - cpuNanos, wall - wallNanos);
    cpuNanos = cpu;
    wallNanos = wall;
    return r;
  }

  record Reading(long cpuNanos, long wallNanos) {

    /** "µs CPU per event, cores busy". */
    String per(long events) {
      return String.format(
          "%5.1f µs CPU/event, %.2f cores busy",
          cpuNanos / 1e3 / events, (double) cpuNanos / wallNanos);
    }
  }
}
