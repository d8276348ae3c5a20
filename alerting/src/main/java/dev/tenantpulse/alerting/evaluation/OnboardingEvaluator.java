package dev.tenantpulse.alerting.evaluation;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.tenantpulse.alerting.clickhouse.ClickHouseSource;
import dev.tenantpulse.alerting.rules.Labels;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RuleKind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.ResultQuery;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * {@code onboarding_slowdown}: the newest complete signup cohort (its week has ended) fires when
 * its median completion time is at least {@code factor} × the mean median of the {@code
 * previous_cohorts} cohorts before it. Cohorts with fewer than {@code min_completed} completions,
 * or without enough earlier cohorts, are not judged (not met): too few to say anything.
 */
@Component
public class OnboardingEvaluator implements RuleEvaluator {

  /** One cohort's figures. */
  public record CohortRow(LocalDate cohortWeek, long signups, long completed, Long p50Seconds) {}

  static final Field<Object> COHORT_WEEK = field(name("cohort_week"));
  static final Field<Long> SIGNUPS = field(name("signups"), SQLDataType.BIGINT);
  static final Field<Long> COMPLETED = field(name("completed"), SQLDataType.BIGINT);
  static final Field<Long> P50 = field(name("p50_seconds"), SQLDataType.BIGINT);

  private final ClickHouseSource clickHouse;

  public OnboardingEvaluator(ClickHouseSource clickHouse) {
    this.clickHouse = clickHouse;
  }

  @Override
  public RuleKind kind() {
    return RuleKind.ONBOARDING_SLOWDOWN;
  }

  /** The newest {@code count} cohorts starting on or before {@code lastMonday}, newest first. */
  public static ResultQuery<Record4<String, Long, Long, Long>> newestCohorts(
      DSLContext ctx, ClickHouseSource ch, LocalDate lastMonday, int count) {
    return ctx.select(ClickHouseSource.isoDate("cohort_week"), SIGNUPS, COMPLETED, P50)
        .from(ch.finalTable("onboarding_cohorts"))
        .where(COHORT_WEEK.le(ClickHouseSource.date(lastMonday)))
        .orderBy(COHORT_WEEK.desc())
        .limit(count);
  }

  /** Monday of the newest week that has ended at {@code now} (UTC). */
  static LocalDate lastCompleteCohort(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
  }

  @Override
  public List<Observation> evaluate(Rule rule, Instant now) {
    int previous = rule.integer("previous_cohorts");
    List<CohortRow> rows =
        clickHouse.read(
            ctx ->
                newestCohorts(ctx, clickHouse, lastCompleteCohort(now), previous + 1)
                    .fetch(
                        r ->
                            new CohortRow(
                                LocalDate.parse(r.value1()), r.value2(), r.value3(), r.value4())));
    Optional<Instant> newestEnd =
        rows.stream()
            .findFirst()
            .map(r -> r.cohortWeek().plusWeeks(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    Optional<Observation> stale =
        NoData.check(newestEnd, now, rule.noDataAfter(), "end of the newest complete cohort");
    if (stale.isPresent()) {
      return List.of(stale.get());
    }
    return List.of(judge(rule, rows, previous));
  }

  private static Observation judge(Rule rule, List<CohortRow> rows, int previous) {
    CohortRow newest = rows.get(0);
    if (newest.p50Seconds() == null || newest.completed() < rule.integer("min_completed")) {
      return Observation.notMet(
          Labels.NONE,
          null,
          String.format(
              Locale.ROOT,
              "cohort %s: %d of %d completed, too few to judge",
              newest.cohortWeek(),
              newest.completed(),
              newest.signups()));
    }
    List<CohortRow> before = rows.subList(1, rows.size());
    if (before.size() < previous || before.stream().anyMatch(r -> r.p50Seconds() == null)) {
      return Observation.notMet(
          Labels.NONE,
          null,
          "cohort "
              + newest.cohortWeek()
              + ": fewer than "
              + previous
              + " earlier cohorts with a median to compare with");
    }
    double mean = before.stream().mapToLong(CohortRow::p50Seconds).average().orElseThrow();
    double factor = mean == 0 ? Double.POSITIVE_INFINITY : newest.p50Seconds() / mean;
    String summary =
        String.format(
            Locale.ROOT,
            "cohort %s: median onboarding %.1f h, %.2f × the mean %.1f h of the %d cohorts before"
                + " (threshold %.2f ×)",
            newest.cohortWeek(),
            newest.p50Seconds() / 3600.0,
            factor,
            mean / 3600.0,
            previous,
            rule.number("factor"));
    return factor >= rule.number("factor")
        ? Observation.met(Labels.NONE, factor, summary)
        : Observation.notMet(Labels.NONE, factor, summary);
  }
}
