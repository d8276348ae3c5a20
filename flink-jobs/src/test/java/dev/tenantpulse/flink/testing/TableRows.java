package dev.tenantpulse.flink.testing;

import dev.tenantpulse.scenario.oracle.ExpectedEvent;
import java.sql.SQLException;
import java.util.List;

/** Table contents as comparable text lines, one per row, and the oracle's rows in the same form. */
public final class TableRows {

  private TableRows() {}

  private static final String EVENT_COLUMNS =
      "tenant_id, event_id, type, toUnixTimestamp64Milli(event_time),"
          + " toUnixTimestamp64Milli(received_at), user_id, feature, step, meter, quantity, plan,"
          + " billing_model, tenancy_model, seats, properties, late";

  /** {@code events} read with FINAL, ordered by tenant and id. */
  public static List<String> events(String database) throws SQLException {
    return TestWarehouse.rows(
            "SELECT "
                + EVENT_COLUMNS
                + " FROM "
                + database
                + ".events FINAL ORDER BY tenant_id, event_id")
        .stream()
        .map(TableRows::line)
        .toList();
  }

  /** The oracle's {@code events} rows in the form of {@link #events}, same order. */
  public static List<String> expectedEvents(List<ExpectedEvent> expected) {
    return expected.stream()
        .sorted(
            java.util.Comparator.comparing(ExpectedEvent::tenantId)
                .thenComparing(ExpectedEvent::eventId))
        .map(
            e ->
                line(
                    List.of(
                        e.tenantId(),
                        e.eventId(),
                        e.type(),
                        e.eventTime().toEpochMilli(),
                        e.receivedAt().toEpochMilli(),
                        nullable(e.userId()),
                        nullable(e.feature()),
                        nullable(e.step()),
                        nullable(e.meter()),
                        nullable(e.quantity()),
                        nullable(e.plan()),
                        nullable(e.billingModel()),
                        nullable(e.tenancyModel()),
                        nullable(e.seats()),
                        e.properties(),
                        e.late() ? 1 : 0)))
        .toList();
  }

  private static Object nullable(Object value) {
    return value == null ? "\\N" : value;
  }

  private static String line(List<Object> values) {
    StringBuilder b = new StringBuilder();
    for (Object v : values) {
      if (b.length() > 0) {
        b.append(" | ");
      }
      b.append(v == null ? "\\N" : v instanceof Double d ? Double.toString(d) : v.toString());
    }
    return b.toString();
  }
}
