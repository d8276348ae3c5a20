package dev.tenantpulse.alerting.evaluation;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import dev.tenantpulse.alerting.clickhouse.ClickHouseSource;
import dev.tenantpulse.alerting.metrics.BusinessGauges;
import dev.tenantpulse.alerting.rules.Labels;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RuleKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.ResultQuery;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * {@code active_tenants_drop}: the newest closed hour of {@code active_tenants_hourly} (overall, no
 * labels) and of {@code active_tenants_hourly_by_plan} (label {@code plan}) fires when drop_ratio ≥
 * {@code drop_ratio} and weekly_avg ≥ {@code min_baseline}. A row exists only once its hour closed,
 * so the newest row at or before now is the newest closed hour. Also feeds the business gauges.
 */
@Component
public class ActiveTenantsEvaluator implements RuleEvaluator {

  /** One hour's figures. {@code plan} is null for the overall table. */
  public record HourRow(
      String plan, Instant windowEnd, long active24h, Double weeklyAvg, Double dropRatio) {}

  static final Field<String> PLAN = field(name("plan"), SQLDataType.VARCHAR);
  static final Field<Long> ACTIVE = field(name("active_24h"), SQLDataType.BIGINT);
  static final Field<Double> WEEKLY_AVG = field(name("weekly_avg"), SQLDataType.DOUBLE);
  static final Field<Double> DROP_RATIO = field(name("drop_ratio"), SQLDataType.DOUBLE);
  static final Field<Object> WINDOW_END = field(name("window_end"));

  private final ClickHouseSource clickHouse;
  private final BusinessGauges gauges;

  public ActiveTenantsEvaluator(ClickHouseSource clickHouse, BusinessGauges gauges) {
    this.clickHouse = clickHouse;
    this.gauges = gauges;
  }

  @Override
  public RuleKind kind() {
    return RuleKind.ACTIVE_TENANTS_DROP;
  }

  /** The newest overall hour at or before {@code now}. */
  public static ResultQuery<Record5<String, Long, Long, Double, Double>> newestOverall(
      DSLContext ctx, ClickHouseSource ch, Instant now) {
    return ctx.select(
            field("''", SQLDataType.VARCHAR).as("plan"),
            ClickHouseSource.epochSeconds("window_end").as("window_end_epoch"),
            ACTIVE,
            WEEKLY_AVG,
            DROP_RATIO)
        .from(ch.finalTable("active_tenants_hourly"))
        .where(WINDOW_END.le(ClickHouseSource.dateTime(now)))
        .orderBy(WINDOW_END.desc())
        .limit(1);
  }

  /** Every plan's row of the newest hour at or before {@code now}. */
  public static ResultQuery<Record5<String, Long, Long, Double, Double>> newestByPlan(
      DSLContext ctx, ClickHouseSource ch, Instant now) {
    return ctx.select(
            PLAN,
            ClickHouseSource.epochSeconds("window_end").as("window_end_epoch"),
            ACTIVE,
            WEEKLY_AVG,
            DROP_RATIO)
        .from(ch.finalTable("active_tenants_hourly_by_plan"))
        .where(
            WINDOW_END.eq(
                select(max(WINDOW_END))
                    .from(ch.table("active_tenants_hourly_by_plan"))
                    .where(WINDOW_END.le(ClickHouseSource.dateTime(now)))))
        .orderBy(PLAN);
  }

  /** Reads the newest overall row and the newest per-plan rows. */
  public Snapshot read(Instant now) {
    return clickHouse.read(
        ctx -> {
          Optional<HourRow> overall =
              newestOverall(ctx, clickHouse, now).fetch(ActiveTenantsEvaluator::row).stream()
                  .findFirst()
                  .map(
                      r ->
                          new HourRow(
                              null, r.windowEnd(), r.active24h(), r.weeklyAvg(), r.dropRatio()));
          List<HourRow> byPlan =
              newestByPlan(ctx, clickHouse, now).fetch(ActiveTenantsEvaluator::row);
          return new Snapshot(overall, byPlan);
        });
  }

  /** The newest overall hour, if any, and the per-plan rows of the newest per-plan hour. */
  public record Snapshot(Optional<HourRow> overall, List<HourRow> byPlan) {}

  private static HourRow row(Record5<String, Long, Long, Double, Double> r) {
    return new HourRow(
        r.value1(), Instant.ofEpochSecond(r.value2()), r.value3(), r.value4(), r.value5());
  }

  @Override
  public List<Observation> evaluate(Rule rule, Instant now) {
    Snapshot snapshot = read(now);
    snapshot.overall().ifPresent(gauges::recordActiveTenants);
    snapshot.byPlan().forEach(gauges::recordActiveTenants);
    Optional<Instant> newest =
        snapshot
            .overall()
            .map(HourRow::windowEnd)
            .or(() -> snapshot.byPlan().stream().map(HourRow::windowEnd).findFirst());
    Optional<Observation> stale =
        NoData.check(
            newest, now, rule.noDataAfter(), "newest closed hour of active_tenants_hourly");
    if (stale.isPresent()) {
      return List.of(stale.get());
    }
    List<Observation> observations = new ArrayList<>();
    if (rule.flag("overall")) {
      snapshot.overall().ifPresent(row -> observations.add(judge(rule, Labels.NONE, row)));
    }
    if (rule.flag("per_plan")) {
      for (HourRow row : snapshot.byPlan()) {
        observations.add(judge(rule, Labels.of("plan", row.plan()), row));
      }
    }
    return observations;
  }

  private static Observation judge(Rule rule, Labels labels, HourRow row) {
    double threshold = rule.number("drop_ratio");
    double baseline = rule.number("min_baseline");
    String who = row.plan() == null ? "all plans" : "plan " + row.plan();
    if (row.dropRatio() == null || row.weeklyAvg() == null) {
      return Observation.notMet(
          labels,
          null,
          String.format(
              Locale.ROOT,
              "active tenants (%s) at %s: %d, no weekly average yet",
              who,
              row.windowEnd(),
              row.active24h()));
    }
    String summary =
        String.format(
            Locale.ROOT,
            "active tenants (%s) in the 24 h to %s: %d, %.1f %% below the weekly average of %.1f"
                + " (threshold %.1f %%, minimum baseline %.0f)",
            who,
            row.windowEnd(),
            row.active24h(),
            row.dropRatio() * 100,
            row.weeklyAvg(),
            threshold * 100,
            baseline);
    boolean met = row.dropRatio() >= threshold && row.weeklyAvg() >= baseline;
    return met
        ? Observation.met(labels, row.dropRatio(), summary)
        : Observation.notMet(labels, row.dropRatio(), summary);
  }
}
