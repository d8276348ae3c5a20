package dev.tenantpulse.alerting.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.evaluation.ActiveTenantsEvaluator;
import dev.tenantpulse.alerting.evaluation.FeatureAdoptionEvaluator;
import dev.tenantpulse.alerting.evaluation.Observation;
import dev.tenantpulse.alerting.evaluation.Observation.Outcome;
import dev.tenantpulse.alerting.evaluation.OnboardingEvaluator;
import dev.tenantpulse.alerting.metrics.BusinessGauges;
import dev.tenantpulse.alerting.rules.Labels;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.TestRules;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The three rules' queries, unchanged, on a ClickHouse server through the official driver ({@code
 * jdbc:clickhouse:}), as production runs them. Needs Docker: reported as skipped where there is
 * none (as on the project's own machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class ClickHouseServerRulesTests {

  /** The LTS line the warehouse module tests against too. */
  @Container
  static final ClickHouseContainer SERVER =
      new ClickHouseContainer("clickhouse/clickhouse-server:25.8");

  static final Instant NOW = Instant.parse("2026-11-25T10:05:00Z");

  private static Connection connect() throws SQLException {
    return ClickHouseConfiguration.driverFor(SERVER.getJdbcUrl())
        .connect(SERVER.getJdbcUrl(), credentials());
  }

  private static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", SERVER.getUsername());
    p.setProperty("password", SERVER.getPassword());
    return p;
  }

  @Test
  void theRulesJudgeTheSameRowsTheSameWayOnAServer() throws Exception {
    String db = "t_server_rules";
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + db);
      ClickHouseMigrations.forDatabase(db).migrate(c);
    }
    MetricTables tables = MetricTables.on(db, ClickHouseServerRulesTests::connect);
    Instant hour = Instant.parse("2026-11-25T10:00:00Z");
    tables.activeHour(hour, 50, 100.0, 0.50);
    tables.activeHour(hour, 95, 100.0, 0.05); // re-emitted: FINAL keeps this one
    tables.activeHour(hour, "starter", 20, 40.0, 0.50);
    LocalDate week = LocalDate.parse("2026-11-16");
    for (int i = 1; i <= 4; i++) {
      tables.cohort(week.minusWeeks(i), 40, 30, 10_000L);
    }
    tables.cohort(week, 40, 30, 20_000L);
    LocalDate day = LocalDate.parse("2026-11-24");
    tables.adoption(day.minusDays(7), "starter", "sso", 100, 50);
    tables.adoption(day, "starter", "sso", 100, 30);

    Driver driver = ClickHouseConfiguration.driverFor(SERVER.getJdbcUrl());
    ClickHouseSource ch =
        new ClickHouseSource(
            new SimpleDriverDataSource(driver, SERVER.getJdbcUrl(), credentials()), db);

    Map<Labels, Observation> active =
        byLabels(
            new ActiveTenantsEvaluator(ch, new BusinessGauges(new SimpleMeterRegistry()))
                .evaluate(TestRules.rule("a", "kind: active_tenants_drop"), NOW));
    assertThat(active.get(Labels.NONE).outcome()).isEqualTo(Outcome.NOT_MET);
    assertThat(active.get(Labels.NONE).value()).isEqualTo(0.05);
    assertThat(active.get(Labels.of("plan", "starter")).outcome()).isEqualTo(Outcome.MET);

    List<Observation> onboarding =
        new OnboardingEvaluator(ch).evaluate(TestRules.rule("o", "kind: onboarding_slowdown"), NOW);
    assertThat(onboarding).singleElement().satisfies(o -> assertThat(o.value()).isEqualTo(2.0));

    Map<Labels, Observation> adoption =
        byLabels(
            new FeatureAdoptionEvaluator(ch)
                .evaluate(TestRules.rule("f", "kind: feature_adoption_drop"), NOW));
    assertThat(adoption.get(Labels.of("plan", "starter", "feature", "sso")).outcome())
        .isEqualTo(Outcome.MET);
  }

  private static Map<Labels, Observation> byLabels(List<Observation> observations) {
    return observations.stream()
        .collect(Collectors.toMap(Observation::labels, Function.identity()));
  }
}
