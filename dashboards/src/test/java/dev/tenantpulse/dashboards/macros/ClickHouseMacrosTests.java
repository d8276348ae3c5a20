package dev.tenantpulse.dashboards.macros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expander against the plugin's definitions (pkg/macros/macros.go and its tests), and the
 * expanded SQL against the engine: the filters keep exactly the rows of the range, ends included.
 */
class ClickHouseMacrosTests {

  private static final Instant FROM = Instant.parse("2026-03-01T10:00:00.250Z");
  private static final Instant TO = Instant.parse("2026-03-02T09:30:00.900Z");
  private static final QueryContext CONTEXT =
      new QueryContext(FROM, TO, Duration.ofSeconds(90), Map.of());

  @Test
  void expandsTimeMacrosLikeThePlugin() {
    assertThat(ClickHouseMacros.expand("$__timeFilter(ts)", CONTEXT))
        .isEqualTo("ts >= toDateTime(1772359200) AND ts <= toDateTime(1772443800)");
    assertThat(ClickHouseMacros.expand("$__timeFilter_ms( ts )", CONTEXT))
        .isEqualTo(
            "ts >= fromUnixTimestamp64Milli(1772359200250) AND ts <= fromUnixTimestamp64Milli(1772443800900)");
    assertThat(ClickHouseMacros.expand("$__fromTime, $__toTime()", CONTEXT))
        .isEqualTo("toDateTime(1772359200), toDateTime(1772443800)");
    assertThat(ClickHouseMacros.expand("$__fromTime_ms $__toTime_ms", CONTEXT))
        .isEqualTo(
            "fromUnixTimestamp64Milli(1772359200250) fromUnixTimestamp64Milli(1772443800900)");
    assertThat(ClickHouseMacros.expand("$__dateFilter(day)", CONTEXT))
        .isEqualTo("day >= toDate('2026-03-01') AND day <= toDate('2026-03-02')");
    assertThat(ClickHouseMacros.expand("$__dt(d, t)", CONTEXT))
        .isEqualTo(
            "(d >= toDate('2026-03-01') AND d <= toDate('2026-03-02')) AND (t >="
                + " toDateTime(1772359200) AND t <= toDateTime(1772443800))");
  }

  @Test
  void expandsIntervalMacrosWithAtLeastOneUnit() {
    assertThat(ClickHouseMacros.expand("$__timeInterval(ts) / $__interval_s", CONTEXT))
        .isEqualTo("toStartOfInterval(toDateTime(ts), INTERVAL 90 second) / 90");
    assertThat(ClickHouseMacros.expand("$__timeInterval_ms(ts)", CONTEXT))
        .isEqualTo("toStartOfInterval(toDateTime64(ts, 3), INTERVAL 90000 millisecond)");
    QueryContext tiny = new QueryContext(FROM, TO, Duration.ofMillis(20), Map.of());
    assertThat(ClickHouseMacros.expand("$__interval_s", tiny)).isEqualTo("1");
  }

  @Test
  void refusesUnknownMacrosAndArgumentsOlderPluginsWouldCut() {
    assertThatThrownBy(() -> ClickHouseMacros.expand("$__timeGroup(ts, '5m')", CONTEXT))
        .hasMessageContaining("$__timeGroup");
    assertThatThrownBy(() -> ClickHouseMacros.expand("$__timeFilter(toDateTime(day))", CONTEXT))
        .hasMessageContaining("parenthesis");
    assertThatThrownBy(() -> ClickHouseMacros.expand("$__timeFilter()", CONTEXT))
        .hasMessageContaining("expected 1 argument");
    assertThatThrownBy(() -> ClickHouseMacros.expand("$__dt(d)", CONTEXT))
        .hasMessageContaining("expected 2 arguments");
  }

  @Test
  void timeFilterKeepsTheRangeWithBothEndsOnTheEngine() throws Exception {
    // Rows one second around each end; DateTime columns drop the milliseconds of the range.
    long from = FROM.getEpochSecond();
    long to = TO.getEpochSecond();
    List<Long> kept =
        query(
            "SELECT toUnixTimestamp(ts) FROM (SELECT toDateTime(arrayJoin(["
                + (from - 1)
                + ", "
                + from
                + ", "
                + to
                + ", "
                + (to + 1)
                + "]), 'UTC') AS ts) WHERE "
                + ClickHouseMacros.expand("$__timeFilter(ts)", CONTEXT)
                + " ORDER BY ts");
    assertThat(kept).containsExactly(from, to);
  }

  @Test
  void dateFilterKeepsTheUtcDaysOfBothEnds() throws Exception {
    List<Long> kept =
        query(
            "SELECT toYYYYMMDD(day) FROM (SELECT toDate('2026-02-28') + arrayJoin([0, 1, 2, 3]) AS day)"
                + " WHERE "
                + ClickHouseMacros.expand("$__dateFilter(day)", CONTEXT)
                + " ORDER BY day");
    assertThat(kept).containsExactly(20260301L, 20260302L);
  }

  @Test
  void timeIntervalBucketsOnTheEngine() throws Exception {
    List<Long> buckets =
        query(
            "SELECT toUnixTimestamp("
                + ClickHouseMacros.expand("$__timeInterval(ts)", CONTEXT)
                + ") FROM (SELECT toDateTime('2026-03-01 10:01:59', 'UTC') AS ts)");
    // 10:01:59 falls in the 90 s bucket starting at 10:01:30.
    assertThat(buckets).containsExactly(Instant.parse("2026-03-01T10:01:30Z").getEpochSecond());
  }

  private static List<Long> query(String sql) throws Exception {
    List<Long> values = new ArrayList<>();
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }
}
