package dev.tenantpulse.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.evaluation.ActiveTenantsEvaluator.HourRow;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.MetricTables.ActiveRow;
import dev.tenantpulse.alerting.support.TestRules;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The analysts' SQL of the same-weekday baseline (the README prints it) run on chDB gives, hour by
 * hour, the baseline the evaluator and the backtest compute: seeded random weeks with gaps and
 * firing hours.
 */
class SameWeekdayBaselineSqlTests {

  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  static final DateTimeFormatter UTC_TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Test
  void theReadmeSqlAgreesWithTheEvaluatorHourByHour() throws Exception {
    MetricTables tables = MetricTables.fresh("weekday_sql");
    SplittableRandom random = new SplittableRandom(19);
    Map<Instant, HourRow> active = new TreeMap<>();
    Set<Instant> firing = new HashSet<>();
    List<ActiveRow> rows = new ArrayList<>();
    for (int i = 0; i < 6 * 7 * 24; i++) {
      Instant h = START.plus(Duration.ofHours(i));
      if (random.nextInt(20) == 0) {
        continue; // a missing hour
      }
      long value = 50 + random.nextInt(100);
      // A level that grows, with hours that have none yet (NULL) or a zero one: both left out.
      int level = random.nextInt(25);
      Double weeklyAvg =
          level == 0 ? null : level == 1 ? 0.0 : 60 + i / 24.0 + random.nextInt(40) / 3.0;
      HourRow row = new HourRow(null, h, value, weeklyAvg, null);
      active.put(h, row);
      rows.add(new ActiveRow(h, null, value, weeklyAvg, null));
      if (random.nextInt(10) == 0) {
        firing.add(h);
      }
    }
    tables.activeHours(rows);
    Instant from = START.plus(Duration.ofDays(14));
    Instant to = START.plus(Duration.ofDays(42));

    for (String column : List.of("median", "mean", "adjusted_median", "adjusted_mean")) {
      String aggregate = column.replace("adjusted_", "");
      String baseline = column.startsWith("adjusted") ? "same_weekday_adjusted" : "same_weekday";
      Rule rule =
          TestRules.rule(
              "drop",
              "kind: active_tenants_drop\nparams: {baseline: "
                  + baseline
                  + ", weeks: 4, aggregate: "
                  + aggregate
                  + "}");
      Map<String, Double> expected = new TreeMap<>();
      for (HourRow row : active.values()) {
        Instant h = row.windowEnd();
        if (!h.isBefore(from) && h.isBefore(to)) {
          expected.put(
              UTC_TEXT.format(h), DropBaseline.sameWeekdayBaseline(rule, row, active, firing));
        }
      }
      Map<String, Double> bySql = new TreeMap<>();
      try (Connection c = TestEngine.connect();
          PreparedStatement ps = c.prepareStatement(DropBaseline.analystSql(tables.database()))) {
        ps.setObject(1, 4);
        ps.setObject(2, firing.stream().map(UTC_TEXT::format).collect(Collectors.joining(",")));
        ps.setObject(3, UTC_TEXT.format(from));
        ps.setObject(4, UTC_TEXT.format(to));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Object value = rs.getObject(column + "_baseline");
            bySql.put(
                rs.getString("window_end"), value == null ? null : ((Number) value).doubleValue());
          }
        }
      }
      assertThat(bySql).as(column).hasSameSizeAs(expected);
      assertThat(expected.values()).filteredOn(Objects::nonNull).hasSizeGreaterThan(400);
      if (column.startsWith("adjusted")) {
        assertThat(expected.values()).containsNull(); // hours without a weekly average
      }
      for (Map.Entry<String, Double> e : expected.entrySet()) {
        if (e.getValue() == null) {
          assertThat(bySql.get(e.getKey())).as(column + " " + e.getKey()).isNull();
        } else {
          assertThat(bySql.get(e.getKey()))
              .as(column + " " + e.getKey())
              .isCloseTo(e.getValue(), org.assertj.core.data.Offset.offset(1e-9));
        }
      }
    }
  }
}
