package dev.tenantpulse.standalone.sdk;

import dev.tenantpulse.standalone.Endpoints;
import dev.tenantpulse.standalone.support.Http;
import dev.tenantpulse.standalone.support.Poll;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What of one tenant reached the warehouse's {@code events} table, read through the console's SQL
 * endpoint: rows by event type, every row counted (no {@code FINAL}: a retried delivery must not
 * have written a second row at all).
 */
final class LandedEvents {

  private LandedEvents() {}

  /**
   * Rows of {@code tenant} by type once their total reached {@code expected}, read again a few
   * seconds later so that a late duplicate would be seen too.
   */
  static Map<String, Integer> byType(Endpoints runtime, String token, String tenant, int expected) {
    Poll.until(
        Duration.ofSeconds(90),
        () -> query(runtime, token, tenant),
        rows -> rows.values().stream().mapToInt(Integer::intValue).sum() >= expected,
        expected + " events of " + tenant + " in the events table");
    try {
      Thread.sleep(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return query(runtime, token, tenant);
  }

  /** Rows of {@code tenant} by type now. */
  static Map<String, Integer> query(Endpoints runtime, String token, String tenant) {
    Http.Answer answer =
        Http.post(
            runtime.console() + "/api/sql",
            token,
            "text/plain",
            "SELECT type, toUInt32(count()) FROM events WHERE tenant_id = '"
                + tenant
                + "' GROUP BY type");
    if (answer.status() != 200) {
      throw new AssertionError(
          "the SQL endpoint answered " + answer.status() + ": " + answer.body());
    }
    Map<String, Integer> rows = new TreeMap<>();
    for (JsonNode row : answer.json().path("rows")) {
      rows.put(row.get(0).asString(), row.get(1).asInt());
    }
    return rows;
  }
}
