package dev.tenantpulse.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.clickhouse.ClickHouseSource;
import dev.tenantpulse.alerting.evaluation.Observation.Outcome;
import dev.tenantpulse.alerting.metrics.BusinessGauges;
import dev.tenantpulse.alerting.rules.Labels;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.TestRules;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The active-tenants rule on real chDB tables: newest closed hour, FINAL, per plan, no data. */
class ActiveTenantsEvaluatorTests {

  static final Instant H = Instant.parse("2026-11-27T10:00:00Z");

  static MetricTables tables;
  ActiveTenantsEvaluator evaluator;
  SimpleMeterRegistry meters = new SimpleMeterRegistry();
  Rule rule = TestRules.rule("drop", "kind: active_tenants_drop\nfor: 0s");

  @BeforeAll
  static void database() {
    tables = MetricTables.fresh("active");
  }

  @BeforeEach
  void setUp() {
    tables.truncateAll();
    ClickHouseSource ch =
        new ClickHouseSource(new DriverManagerDataSource(TestEngine.url()), tables.database());
    evaluator = new ActiveTenantsEvaluator(ch, new BusinessGauges(meters));
  }

  private Map<Labels, Observation> evaluate(Instant now) {
    return evaluator.evaluate(rule, now).stream()
        .collect(Collectors.toMap(Observation::labels, Function.identity()));
  }

  @Test
  void judgesTheNewestClosedHourOverallAndPerPlan() {
    tables.activeHour(H.minusSeconds(3600), 100, 100.0, 0.0);
    tables.activeHour(H, 70, 100.0, 0.30);
    tables.activeHour(H.plusSeconds(3600), 10, 100.0, 0.9); // not closed yet at now
    tables.activeHour(H, "starter", 20, 25.0, 0.20);
    tables.activeHour(H, "professional", 30, 30.0, 0.0);
    tables.activeHour(H, "enterprise", 5, 8.0, 0.375); // below the minimum baseline of 10
    tables.activeHour(H.minusSeconds(3600), "starter", 1, 25.0, 0.96);

    Map<Labels, Observation> seen = evaluate(H.plusSeconds(300));

    assertThat(seen).hasSize(4);
    assertThat(seen.get(Labels.NONE).outcome()).isEqualTo(Outcome.MET);
    assertThat(seen.get(Labels.NONE).value()).isEqualTo(0.30);
    assertThat(seen.get(Labels.of("plan", "starter")).outcome()).isEqualTo(Outcome.MET);
    assertThat(seen.get(Labels.of("plan", "professional")).outcome()).isEqualTo(Outcome.NOT_MET);
    assertThat(seen.get(Labels.of("plan", "enterprise")).outcome()).isEqualTo(Outcome.NOT_MET);
    assertThat(seen.get(Labels.NONE).summary()).contains("70", "30.0 %", "100.0");
  }

  @Test
  void readsTheNewestVersionOfAReEmittedHour() {
    tables.activeHour(H, 50, 100.0, 0.50);
    tables.activeHour(H, 95, 100.0, 0.05); // a late event re-emitted the hour

    Observation overall = evaluate(H.plusSeconds(60)).get(Labels.NONE);

    assertThat(overall.outcome()).isEqualTo(Outcome.NOT_MET);
    assertThat(overall.value()).isEqualTo(0.05);
  }

  @Test
  void noWeeklyAverageYetIsNotAnAlert() {
    tables.activeHour(H, 3, null, null);

    Observation overall = evaluate(H.plusSeconds(60)).get(Labels.NONE);

    assertThat(overall.outcome()).isEqualTo(Outcome.NOT_MET);
    assertThat(overall.value()).isNull();
  }

  @Test
  void reportsNoDataWhenTheNewestHourIsStaleAndNoRowYetWhenThereIsNone() {
    assertThat(evaluator.evaluate(rule, H))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.outcome()).isEqualTo(Outcome.NO_ROW_YET); // FirstDataGrace decides
              assertThat(o.summary()).contains("active_tenants_hourly has no row yet");
            });

    tables.activeHour(H, 70, 100.0, 0.30);
    assertThat(evaluate(H.plusSeconds(2 * 3600)).get(Labels.NONE).outcome()).isEqualTo(Outcome.MET);
    List<Observation> late = evaluator.evaluate(rule, H.plusSeconds(2 * 3600 + 1));
    assertThat(late)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.outcome()).isEqualTo(Outcome.NO_DATA);
              assertThat(o.labels()).isEqualTo(Labels.NONE);
              assertThat(o.summary()).contains("stopped being written");
            });
  }

  @Test
  void publishesTheNewestFiguresAsGauges() {
    tables.activeHour(H, 70, 100.0, 0.30);
    tables.activeHour(H, "starter", 20, 25.0, 0.20);

    evaluate(H.plusSeconds(60));

    assertThat(meters.get("tenant_pulse.active_tenants.24h").tag("plan", "all").gauge().value())
        .isEqualTo(70);
    assertThat(
            meters
                .get("tenant_pulse.active_tenants.drop_ratio")
                .tag("plan", "starter")
                .gauge()
                .value())
        .isEqualTo(0.20);
    assertThat(
            meters.get("tenant_pulse.active_tenants.weekly_avg").tag("plan", "all").gauge().value())
        .isEqualTo(100.0);
  }
}
