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
import dev.tenantpulse.alerting.state.AlertHistory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.ResultQuery;
import org.jooq.impl.SQLDataType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@code active_tenants_drop}: the newest closed hour of {@code active_tenants_hourly} (overall, no
 * labels) and of {@code active_tenants_hourly_by_plan} (label {@code plan}) fires when its drop
 * against the rule's baseline ({@link DropBaseline}: the row's weekly_avg, or the same weekday of
 * earlier weeks without the hours that were firing, raw or as shares of their weekly_avg) is ≥
 * {@code drop_ratio} and the baseline ≥ {@code min_baseline}. A row exists only once its hour
 * closed, so the newest row at or before now is the newest closed hour. Also feeds the business
 * gauges.
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
  private final FiringHours firingHours;

  /** Without alert history: no hour counts as firing for the {@code same_weekday} baseline. */
  public ActiveTenantsEvaluator(ClickHouseSource clickHouse, BusinessGauges gauges) {
    this(clickHouse, gauges, FiringHours.NONE);
  }

  @Autowired
  public ActiveTenantsEvaluator(
      ClickHouseSource clickHouse, BusinessGauges gauges, AlertHistory history) {
    this(clickHouse, gauges, history::firingHours);
  }

  public ActiveTenantsEvaluator(
      ClickHouseSource clickHouse, BusinessGauges gauges, FiringHours firingHours) {
    this.clickHouse = clickHouse;
    this.gauges = gauges;
    this.firingHours = firingHours;
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

  /**
   * Rows of the overall table ({@code byPlan} false, plan '') or of every plan, whose window_end is
   * one of {@code hours}: the earlier weeks a {@code same_weekday} baseline reads.
   */
  public static ResultQuery<Record5<String, Long, Long, Double, Double>> hoursIn(
      DSLContext ctx, ClickHouseSource ch, boolean byPlan, Collection<Instant> hours) {
    return ctx.select(
            byPlan ? PLAN : field("''", SQLDataType.VARCHAR).as("plan"),
            ClickHouseSource.epochSeconds("window_end").as("window_end_epoch"),
            ACTIVE,
            WEEKLY_AVG,
            DROP_RATIO)
        .from(ch.finalTable(byPlan ? "active_tenants_hourly_by_plan" : "active_tenants_hourly"))
        .where(WINDOW_END.in(hours.stream().map(ClickHouseSource::dateTime).toList()))
        .orderBy(field(name("plan")), WINDOW_END);
  }

  /** Every row of the overall table or of every plan with window_end in [from, to), in order. */
  public static ResultQuery<Record5<String, Long, Long, Double, Double>> range(
      DSLContext ctx, ClickHouseSource ch, boolean byPlan, Instant from, Instant to) {
    return ctx.select(
            byPlan ? PLAN : field("''", SQLDataType.VARCHAR).as("plan"),
            ClickHouseSource.epochSeconds("window_end").as("window_end_epoch"),
            ACTIVE,
            WEEKLY_AVG,
            DROP_RATIO)
        .from(ch.finalTable(byPlan ? "active_tenants_hourly_by_plan" : "active_tenants_hourly"))
        .where(
            WINDOW_END
                .ge(ClickHouseSource.dateTime(from))
                .and(WINDOW_END.lt(ClickHouseSource.dateTime(to))))
        .orderBy(field(name("plan")), WINDOW_END);
  }

  /** Rows of [from, to), overall ({@code byPlan} false) or per plan, as hour rows. */
  public List<HourRow> history(boolean byPlan, Instant from, Instant to) {
    return clickHouse.read(
        ctx ->
            range(ctx, clickHouse, byPlan, from, to)
                .fetch(
                    r -> {
                      HourRow row = row(r);
                      return byPlan
                          ? row
                          : new HourRow(
                              null,
                              row.windowEnd(),
                              row.active24h(),
                              row.weeklyAvg(),
                              row.dropRatio());
                    }));
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
      snapshot
          .overall()
          .ifPresent(row -> observations.add(judge(rule, Labels.NONE, row, earlier(rule, row))));
    }
    if (rule.flag("per_plan")) {
      Map<String, Map<Instant, HourRow>> earlierByPlan =
          DropBaseline.sameWeekday(rule) && !snapshot.byPlan().isEmpty()
              ? earlierWeeks(rule, true, snapshot.byPlan().getFirst().windowEnd())
              : Map.of();
      for (HourRow row : snapshot.byPlan()) {
        Labels labels = Labels.of("plan", row.plan());
        Double baseline =
            DropBaseline.sameWeekday(rule)
                ? sameWeekday(rule, labels, row, earlierByPlan.getOrDefault(row.plan(), Map.of()))
                : null;
        observations.add(judge(rule, labels, row, baseline));
      }
    }
    return observations;
  }

  /** The overall row's same_weekday baseline (null for weekly_average: the row carries it). */
  private Double earlier(Rule rule, HourRow row) {
    if (!DropBaseline.sameWeekday(rule)) {
      return null;
    }
    Map<Instant, HourRow> rows =
        earlierWeeks(rule, false, row.windowEnd()).getOrDefault("", Map.of());
    return sameWeekday(rule, Labels.NONE, row, rows);
  }

  private Double sameWeekday(Rule rule, Labels labels, HourRow row, Map<Instant, HourRow> rows) {
    Set<Instant> firing = firingHours.of(rule.name(), labels, rows.keySet());
    return DropBaseline.sameWeekdayBaseline(rule, row, rows, firing);
  }

  /** The earlier weeks' rows of the same hour, by plan ('' overall) and window end. */
  private Map<String, Map<Instant, HourRow>> earlierWeeks(Rule rule, boolean byPlan, Instant h) {
    List<Instant> hours = DropBaseline.earlierWeeks(h, rule.integer("weeks"));
    return clickHouse.read(
        ctx -> {
          Map<String, Map<Instant, HourRow>> out = new HashMap<>();
          for (HourRow r :
              hoursIn(ctx, clickHouse, byPlan, hours).fetch(ActiveTenantsEvaluator::row)) {
            out.computeIfAbsent(r.plan(), p -> new HashMap<>()).put(r.windowEnd(), r);
          }
          return out;
        });
  }

  /** "Sunday" for a Sunday hour. */
  private static String weekday(Instant h) {
    String name = h.atZone(ZoneOffset.UTC).getDayOfWeek().name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  /**
   * Judges one hour: with {@code weekly_average} against the row's weekly_avg and drop_ratio, with
   * {@code same_weekday} against {@code sameWeekday} (null: no earlier week to compare with).
   */
  private static Observation judge(Rule rule, Labels labels, HourRow row, Double sameWeekday) {
    boolean seasonal = DropBaseline.sameWeekday(rule);
    DropBaseline.Verdict v =
        seasonal
            ? DropBaseline.judge(rule, row.active24h(), sameWeekday)
            : DropBaseline.judgeWeeklyAverage(rule, row.weeklyAvg(), row.dropRatio());
    double threshold = rule.number("drop_ratio");
    double minimum = rule.number("min_baseline");
    String who = row.plan() == null ? "all plans" : "plan " + row.plan();
    String baselineName =
        seasonal
            ? String.format(
                Locale.ROOT,
                DropBaseline.levelAdjusted(rule)
                    ? "weekly average × the %s of its share at this hour on the last %d %s"
                    : "%s of the same hour on the last %d %s",
                rule.choice("aggregate"),
                rule.integer("weeks"),
                weekday(row.windowEnd()) + "s")
            : "weekly average";
    if (v.drop() == null) {
      return Observation.notMet(
          labels,
          null,
          String.format(
              Locale.ROOT,
              "active tenants (%s) at %s: %d, no %s yet",
              who,
              row.windowEnd(),
              row.active24h(),
              baselineName));
    }
    String summary =
        String.format(
            Locale.ROOT,
            "active tenants (%s) in the 24 h to %s: %d, %.1f %% below the %s of %.1f"
                + " (threshold %.1f %%, minimum baseline %.0f)",
            who,
            row.windowEnd(),
            row.active24h(),
            v.drop() * 100,
            baselineName,
            v.baseline(),
            threshold * 100,
            minimum);
    return v.met()
        ? Observation.met(labels, v.drop(), summary)
        : Observation.notMet(labels, v.drop(), summary);
  }
}
