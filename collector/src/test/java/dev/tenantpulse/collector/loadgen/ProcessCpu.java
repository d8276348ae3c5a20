package dev.tenantpulse.collector.loadgen;

import java.lang.management.ManagementFactory;

/** CPU time of this whole JVM, when the platform tells it (HotSpot does). */
final class ProcessCpu {

  private ProcessCpu() {}

  /** Nanoseconds of CPU this process used so far, or 0 when unknown. */
  static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }
}
