package dev.tenantpulse.alerting.evaluation;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;

import dev.tenantpulse.alerting.clickhouse.ClickHouseSource;
import dev.tenantpulse.alerting.rules.Labels;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RuleKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Record5;
import org.jooq.ResultQuery;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * {@code feature_adoption_drop}: on the newest closed day D, a (plan, feature) instance fires when
 * its adoption_ratio is at least {@code drop_points} below the same pair's on D − {@code
 * compare_days}. Plans with fewer than {@code min_plan_tenants} tenants on D are not judged.
 */
@Component
public class FeatureAdoptionEvaluator implements RuleEvaluator {

  /** One day's adoption of one feature by one plan. */
  public record AdoptionRow(
      LocalDate day, String plan, String feature, long planTenants, Double adoptionRatio) {}

  static final Field<Object> DAY = field(name("day"));
  static final Field<String> PLAN = field(name("plan"), SQLDataType.VARCHAR);
  static final Field<String> FEATURE = field(name("feature"), SQLDataType.VARCHAR);
  static final Field<Long> PLAN_TENANTS = field(name("plan_tenants"), SQLDataType.BIGINT);
  static final Field<Double> RATIO = field(name("adoption_ratio"), SQLDataType.DOUBLE);

  private final ClickHouseSource clickHouse;

  public FeatureAdoptionEvaluator(ClickHouseSource clickHouse) {
    this.clickHouse = clickHouse;
  }

  @Override
  public RuleKind kind() {
    return RuleKind.FEATURE_ADOPTION_DROP;
  }

  /** The newest day at or before {@code lastClosedDay} and whether there is any row at all. */
  public static ResultQuery<Record2<String, Integer>> newestDay(
      DSLContext ctx, ClickHouseSource ch, LocalDate lastClosedDay) {
    return ctx.select(
            field("toString({0})", SQLDataType.VARCHAR, max(DAY)).as("newest_day"),
            count().as("row_count"))
        .from(ch.table("feature_adoption_daily"))
        .where(DAY.le(ClickHouseSource.date(lastClosedDay)));
  }

  /** Every row of the two days compared. */
  public static ResultQuery<Record5<String, String, String, Long, Double>> twoDays(
      DSLContext ctx, ClickHouseSource ch, LocalDate day, LocalDate earlier) {
    return ctx.select(ClickHouseSource.isoDate("day"), PLAN, FEATURE, PLAN_TENANTS, RATIO)
        .from(ch.finalTable("feature_adoption_daily"))
        .where(DAY.eq(ClickHouseSource.date(day)).or(DAY.eq(ClickHouseSource.date(earlier))))
        .orderBy(PLAN, FEATURE);
  }

  @Override
  public List<Observation> evaluate(Rule rule, Instant now) {
    LocalDate lastClosedDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
    int compareDays = rule.integer("compare_days");
    record Read(Optional<LocalDate> day, List<AdoptionRow> rows) {}
    Read read =
        clickHouse.read(
            ctx -> {
              Record2<String, Integer> newest =
                  newestDay(ctx, clickHouse, lastClosedDay).fetchOne();
              if (newest == null || newest.value2() == 0) {
                return new Read(Optional.empty(), List.of());
              }
              LocalDate day = LocalDate.parse(newest.value1());
              List<AdoptionRow> rows =
                  twoDays(ctx, clickHouse, day, day.minusDays(compareDays))
                      .fetch(
                          r ->
                              new AdoptionRow(
                                  LocalDate.parse(r.value1()),
                                  r.value2(),
                                  r.value3(),
                                  r.value4(),
                                  r.value5()));
              return new Read(Optional.of(day), rows);
            });
    Optional<Observation> stale =
        NoData.check(
            read.day().map(d -> d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
            now,
            rule.noDataAfter(),
            "end of the newest day of feature_adoption_daily");
    if (stale.isPresent()) {
      return List.of(stale.get());
    }
    LocalDate day = read.day().orElseThrow();
    Map<String, AdoptionRow> earlier = new HashMap<>();
    List<AdoptionRow> newest = new ArrayList<>();
    for (AdoptionRow row : read.rows()) {
      if (row.day().equals(day)) {
        newest.add(row);
      } else {
        earlier.put(row.plan() + "\u0000" + row.feature(), row);
      }
    }
    List<Observation> observations = new ArrayList<>();
    for (AdoptionRow now2 : newest) {
      AdoptionRow before = earlier.get(now2.plan() + "\u0000" + now2.feature());
      observations.add(judge(rule, now2, before, compareDays));
    }
    return observations;
  }

  private static Observation judge(Rule rule, AdoptionRow now, AdoptionRow before, int days) {
    Labels labels = Labels.of("plan", now.plan(), "feature", now.feature());
    if (before == null
        || before.adoptionRatio() == null
        || now.adoptionRatio() == null
        || now.planTenants() < rule.integer("min_plan_tenants")) {
      return Observation.notMet(
          labels,
          null,
          "adoption of "
              + now.feature()
              + " by plan "
              + now.plan()
              + " on "
              + now.day()
              + ": nothing to compare with, or too few tenants");
    }
    double lost = before.adoptionRatio() - now.adoptionRatio();
    String summary =
        String.format(
            Locale.ROOT,
            "adoption of %s by plan %s: %.1f %% on %s, %.1f %% %d days earlier (%.1f points"
                + " lost, threshold %.1f)",
            now.feature(),
            now.plan(),
            now.adoptionRatio() * 100,
            now.day(),
            before.adoptionRatio() * 100,
            days,
            lost * 100,
            rule.number("drop_points") * 100);
    // A tiny epsilon: ratios are doubles, and a drop of exactly the threshold must fire.
    return lost >= rule.number("drop_points") - 1e-12
        ? Observation.met(labels, lost, summary)
        : Observation.notMet(labels, lost, summary);
  }
}
