package dev.tenantpulse.warehouse.bench;

import java.time.Instant;

/**
 * Rows of the warehouse's real {@code events} table (migration V001: 16 inserted columns, 8 of them
 * Nullable or LowCardinality(Nullable), JSON text properties), as the raw-events sink binds them.
 * Row {@code i} equals row {@code number = i} of {@link #engineSelect}.
 */
final class EventsShapeRows {

  static final String COLUMNS =
      "tenant_id, event_id, type, event_time, received_at, user_id, feature, step, meter,"
          + " quantity, plan, billing_model, tenancy_model, seats, properties, late";
  private static final String[] TYPES = {"activity", "feature_used", "usage", "onboarding_step"};
  private static final String[] FEATURES = {"sso", "audit_logs", "exports"};
  private static final long START_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private EventsShapeRows() {}

  /** The V001 table's definition, in another database. */
  static String ddl(String table) {
    return "CREATE TABLE "
        + table
        + " (tenant_id String, event_id String, type LowCardinality(String),"
        + " event_time DateTime64(3, 'UTC'), received_at DateTime64(3, 'UTC'),"
        + " user_id Nullable(String), feature LowCardinality(Nullable(String)),"
        + " step LowCardinality(Nullable(String)), meter LowCardinality(Nullable(String)),"
        + " quantity Nullable(Float64), plan LowCardinality(Nullable(String)),"
        + " billing_model LowCardinality(Nullable(String)),"
        + " tenancy_model LowCardinality(Nullable(String)), seats Nullable(UInt32),"
        + " properties String DEFAULT '{}' CODEC(ZSTD(3)), late UInt8 DEFAULT 0,"
        + " version UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(received_at)))"
        + " ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(event_time)"
        + " ORDER BY (tenant_id, toDate(event_time), event_id)";
  }

  static Object[][] generate(int n) {
    Object[][] rows = new Object[n][];
    for (int i = 0; i < n; i++) {
      int kind = i % 4;
      long time = START_MILLIS + (long) i * 37;
      rows[i] =
          new Object[] {
            "tenant-" + String.format("%04d", i % BenchRows.TENANTS),
            "evt-" + i,
            TYPES[kind],
            Instant.ofEpochMilli(time),
            Instant.ofEpochMilli(time + 1500),
            i % 3 == 0 ? null : "user-" + (i % 5000),
            kind == 1 ? FEATURES[i % 3] : null,
            kind == 3 ? "team_invited" : null,
            kind == 2 ? "api_calls" : null,
            kind == 2 ? (i % 1000) / 10.0 : null,
            null,
            null,
            null,
            null,
            i % 2 == 0 ? "{}" : "{\"page\":\"/p/" + (i % 100) + "\"}",
            0
          };
    }
    return rows;
  }

  static String engineSelect(long n) {
    return "SELECT concat('tenant-', leftPad(toString(number % "
        + BenchRows.TENANTS
        + "), 4, '0')) AS tenant_id, concat('evt-', toString(number)) AS event_id,"
        + " ['activity', 'feature_used', 'usage', 'onboarding_step'][number % 4 + 1] AS type,"
        + " fromUnixTimestamp64Milli(toInt64("
        + START_MILLIS
        + " + number * 37), 'UTC') AS event_time, fromUnixTimestamp64Milli(toInt64("
        + START_MILLIS
        + " + number * 37 + 1500), 'UTC') AS received_at,"
        + " if(number % 3 = 0, NULL, concat('user-', toString(number % 5000))) AS user_id,"
        + " if(number % 4 = 1, ['sso', 'audit_logs', 'exports'][number % 3 + 1], NULL) AS feature,"
        + " if(number % 4 = 3, 'team_invited', NULL) AS step,"
        + " if(number % 4 = 2, 'api_calls', NULL) AS meter,"
        + " if(number % 4 = 2, (number % 1000) / 10, NULL) AS quantity,"
        + " CAST(NULL AS Nullable(String)) AS plan, CAST(NULL AS Nullable(String)) AS billing_model,"
        + " CAST(NULL AS Nullable(String)) AS tenancy_model, CAST(NULL AS Nullable(UInt32)) AS seats,"
        + " if(number % 2 = 0, '{}', concat('{\"page\":\"/p/', toString(number % 100), '\"}'))"
        + " AS properties, toUInt8(0) AS late FROM numbers("
        + n
        + ")";
  }

  static String checksumOf(String source) {
    return "SELECT count(), sum(cityHash64(event_id)), groupBitXor(cityHash64(toString(tuple("
        + COLUMNS
        + ")))) FROM "
        + source;
  }
}
