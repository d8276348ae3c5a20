package dev.tenantpulse.standalone.soak;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.LongUnaryOperator;

/**
 * The soak's events: event number {@code n} is always the same {@code activity} of the same tenant
 * and user with id {@code soak-<run>-<n>}, so an id can be re-sent later from its number alone.
 * Only the timestamp follows the clock: up to two minutes before the request is built, so no event
 * is ever late (the job's allowed lateness is an hour) and none is in the future.
 *
 * <p>Unlike the collector's load generator ({@code BatchTemplates}: four event types, timestamps
 * fixed at start within one hour, ids repeating per run), every id here is unique across runs on
 * the same data ({@code run} differs) and the timestamps stay current for a run of hours.
 */
final class ActivityEvents {

  private static final long SPREAD_MILLIS = 120_000;

  private final String idPrefix;
  private final int tenants;

  /**
   * @param run distinguishes this run's ids from an earlier run's on the same data
   */
  ActivityEvents(String run, int tenants) {
    this.idPrefix = "soak-" + run + "-";
    this.tenants = tenants;
  }

  String id(long n) {
    return idPrefix + n;
  }

  String tenant(long n) {
    return "soak-t" + (n % tenants);
  }

  /**
   * A {@code POST /v1/events} body of the events numbered {@code numberAt(i)} for i in [from, to),
   * stamped up to two minutes before {@code nowMillis}.
   */
  byte[] body(LongUnaryOperator numberAt, long from, long to, long nowMillis) {
    StringBuilder json = new StringBuilder((int) (to - from) * 150 + 16).append("{\"events\":[");
    for (long i = from; i < to; i++) {
      long n = numberAt.applyAsLong(i);
      if (i > from) {
        json.append(',');
      }
      json.append("{\"id\":\"")
          .append(idPrefix)
          .append(n)
          .append("\",\"type\":\"activity\",\"tenant_id\":\"soak-t")
          .append(n % tenants)
          .append("\",\"user_id\":\"u-")
          .append(n % 40)
          .append("\",\"timestamp\":\"")
          .append(Instant.ofEpochMilli(nowMillis - n % SPREAD_MILLIS))
          .append("\"}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
