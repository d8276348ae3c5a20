package dev.tenantpulse.collector.tenantdata;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log of exports and erasures, in the metadata database ({@code tenant_data_audit}): who
 * asked, for which tenant, when, and the rows per table. It outlives the tenant's data.
 */
final class TenantDataAudit {

  enum Action {
    EXPORT,
    ERASE
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  TenantDataAudit(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void record(Action action, String tenantId, String actor, Map<String, Long> rowsPerTable) {
    record(action, tenantId, actor, rowsPerTable, Map.of());
  }

  /**
   * @param notes more fields of the detail, as text (the aggregates' recompute range and run)
   */
  void record(
      Action action,
      String tenantId,
      String actor,
      Map<String, Long> rowsPerTable,
      Map<String, String> notes) {
    // Table names are identifiers ([a-z_0-9]) and counts numbers: no escaping needed.
    String detail =
        Stream.concat(
                rowsPerTable.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue()),
                notes.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":\"" + escaped(e.getValue()) + "\""))
            .collect(Collectors.joining(",", "{", "}"));
    jdbc.sql(
            "INSERT INTO tenant_data_audit (id, action, tenant_id, actor, at, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID().toString(),
            action.name().toLowerCase(java.util.Locale.ROOT),
            tenantId,
            actor,
            clock.instant().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
            detail)
        .update();
  }

  private static String escaped(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
