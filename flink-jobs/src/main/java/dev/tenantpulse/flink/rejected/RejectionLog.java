package dev.tenantpulse.flink.rejected;

import org.slf4j.Logger;

/** Logs refused records without letting a flood of them drown the log. */
public final class RejectionLog {

  /** Logged one by one up to this many (per task), then every thousandth. */
  static final long LOGGED_IN_FULL = 100;

  private RejectionLog() {}

  /** Whether the {@code n}-th refused record (from 1) of a task is logged. */
  public static boolean shouldLog(long n) {
    return n <= LOGGED_IN_FULL || n % 1000 == 0;
  }

  public static void log(Logger log, RejectedRecord r, long n) {
    log.warn(
        "rejected record at stage {} ({} so far in this task; all in rejected_events): {} [{}]",
        r.stage(),
        n,
        r.reason(),
        origin(r));
  }

  private static String origin(RejectedRecord r) {
    StringBuilder b = new StringBuilder();
    b.append("tenant '").append(r.tenantId()).append("', event '").append(r.eventId()).append('\'');
    if (r.partition() != RejectedRecord.NO_PARTITION) {
      b.append(", ").append(r.topic()).append('-').append(r.partition());
      b.append(" offset ").append(r.offset());
    }
    return b.toString();
  }
}
