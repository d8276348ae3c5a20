package dev.tenantpulse.warehouse.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The benchmark's rows, generated before any timing so that only binding, encoding and inserting
 * are measured. Row {@code i} equals row {@code number = i} of {@link #engineSelect}, so every
 * method writes the same table contents and one checksum verifies them all.
 */
final class BenchRows {

  static final String COLUMNS = "tenant_id, event_id, event_time, meter, quantity, seq";
  static final String TABLE_DDL =
      "(tenant_id String, event_id String, event_time DateTime64(3, 'UTC'),"
          + " meter LowCardinality(String), quantity Float64, seq UInt64)"
          + " ENGINE = MergeTree ORDER BY (tenant_id, event_time)";
  static final int TENANTS = 1000;
  private static final String[] METERS = {"api_calls", "storage_gb", "seats", "exports"};
  private static final long START_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final int STEP_MILLIS = 37;

  final String[] tenantId;
  final String[] eventId;
  final Instant[] eventTime;
  final String[] meter;
  final double[] quantity;
  final long[] seq;

  private BenchRows(int n) {
    tenantId = new String[n];
    eventId = new String[n];
    eventTime = new Instant[n];
    meter = new String[n];
    quantity = new double[n];
    seq = new long[n];
  }

  static BenchRows generate(int n) {
    BenchRows rows = new BenchRows(n);
    String[] tenants = new String[TENANTS];
    for (int t = 0; t < TENANTS; t++) {
      tenants[t] = "tenant-" + String.format("%04d", t);
    }
    for (int i = 0; i < n; i++) {
      rows.tenantId[i] = tenants[i % TENANTS];
      rows.eventId[i] = "evt-" + i;
      rows.eventTime[i] = Instant.ofEpochMilli(START_MILLIS + (long) i * STEP_MILLIS);
      rows.meter[i] = METERS[i % METERS.length];
      rows.quantity[i] = (i % 1000) / 10.0;
      rows.seq[i] = i;
    }
    return rows;
  }

  int size() {
    return seq.length;
  }

  /** The same rows made by the engine itself: the baseline every other method is compared to. */
  static String engineSelect(long n) {
    return "SELECT concat('tenant-', leftPad(toString(number % "
        + TENANTS
        + "), 4, '0')) AS tenant_id, concat('evt-', toString(number)) AS event_id,"
        + " fromUnixTimestamp64Milli(toInt64("
        + START_MILLIS
        + " + number * "
        + STEP_MILLIS
        + "), 'UTC') AS event_time,"
        + " ['api_calls', 'storage_gb', 'seats', 'exports'][number % 4 + 1] AS meter,"
        + " (number % 1000) / 10 AS quantity, number AS seq FROM numbers("
        + n
        + ")";
  }

  /** Count, sum and an order-independent hash of every value: equal contents, equal checksums. */
  static String checksumOf(String source) {
    return "SELECT count(), sum(seq), groupBitXor(cityHash64(" + COLUMNS + ")) FROM " + source;
  }

  /** Rows {@code [from, to)} as the text of a VALUES clause, rendered now (and timed). */
  void appendValues(StringBuilder sql, int from, int to) {
    for (int i = from; i < to; i++) {
      sql.append(i == from ? "(" : ",(");
      quoted(sql, tenantId[i]).append(',');
      quoted(sql, eventId[i]).append(",'");
      dateTime(sql, eventTime[i]).append("',");
      quoted(sql, meter[i]).append(',');
      sql.append(quantity[i]).append(',').append(seq[i]).append(')');
    }
  }

  private static StringBuilder quoted(StringBuilder sql, String s) {
    sql.append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '\\') {
        sql.append('\\');
      }
      sql.append(c);
    }
    return sql.append('\'');
  }

  /** {@code 2026-01-01 00:00:00.037}: what a DateTime64(3) column reads, without a formatter. */
  private static StringBuilder dateTime(StringBuilder sql, Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
    sql.append(d.getYear()).append('-');
    two(sql, d.getMonthValue()).append('-');
    two(sql, d.getDayOfMonth()).append(' ');
    two(sql, d.getHour()).append(':');
    two(sql, d.getMinute()).append(':');
    two(sql, d.getSecond()).append('.');
    int millis = d.getNano() / 1_000_000;
    return sql.append((char) ('0' + millis / 100))
        .append((char) ('0' + millis / 10 % 10))
        .append((char) ('0' + millis % 10));
  }

  private static StringBuilder two(StringBuilder sql, int v) {
    return sql.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
