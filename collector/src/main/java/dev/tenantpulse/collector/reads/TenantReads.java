package dev.tenantpulse.collector.reads;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.catalog.Price;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant-scoped reads, each a {@link ScopedQuery} (SQL next to the read that owns it) run for
 * one {@link TenantScope}. Usage by day and month comes from {@code usage_daily} (what billing
 * reads); by hour from the counted usage events ({@code late = 0}, as the streaming metrics count
 * them). Times are epoch milliseconds and dates ISO text on the wire, so every driver reads them
 * alike.
 */
public final class TenantReads {

  private static final DateTimeFormatter UTC_TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final String RANGE =
      "event_time >= toDateTime64({v:from}, 3, 'UTC') AND event_time < toDateTime64({v:to}, 3, 'UTC')";
  private static final String DAY_RANGE =
      "toDateTime64(day, 3, 'UTC') >= toDateTime64({v:from}, 3, 'UTC')"
          + " AND toDateTime64(day, 3, 'UTC') < toDateTime64({v:to}, 3, 'UTC')";

  private final TenantWarehouse warehouse;
  private final PlanCatalog catalog;
  private final ScopedQuery usageByHour;
  private final ScopedQuery usageByDay;
  private final ScopedQuery usageByMonth;
  private final ScopedQuery currentPlan;
  private final ScopedQuery activeDays;
  private final ScopedQuery activeUsers;
  private final ScopedQuery featuresUsed;
  private final ScopedQuery onboardingSteps;
  private final ScopedQuery planEvents;

  public TenantReads(TenantWarehouse warehouse, PlanCatalog catalog) {
    this.warehouse = warehouse;
    this.catalog = catalog;
    TenantTables t = warehouse.tables();
    usageByHour =
        ScopedQuery.of(
            "usage_by_hour",
            "SELECT toUnixTimestamp64Milli(toDateTime64(toStartOfHour(event_time), 3, 'UTC')) AS start,"
                + " toString(meter) AS meter, sum(quantity) AS quantity FROM {t:events}"
                + " WHERE type = 'usage' AND late = 0 AND "
                + RANGE
                + " GROUP BY start, meter ORDER BY meter, start",
            t);
    usageByDay =
        ScopedQuery.of(
            "usage_by_day",
            "SELECT toUnixTimestamp64Milli(toDateTime64(day, 3, 'UTC')) AS start,"
                + " toString(meter) AS meter, sum(quantity) AS quantity FROM {t:usage_daily}"
                + " WHERE "
                + DAY_RANGE
                + " GROUP BY start, meter ORDER BY meter, start",
            t);
    usageByMonth =
        ScopedQuery.of(
            "usage_by_month",
            "SELECT toUnixTimestamp64Milli(toDateTime64(toStartOfMonth(day), 3, 'UTC')) AS start,"
                + " toString(meter) AS meter, sum(quantity) AS quantity FROM {t:usage_daily}"
                + " WHERE "
                + DAY_RANGE
                + " GROUP BY start, meter ORDER BY meter, start",
            t);
    currentPlan =
        ScopedQuery.of("current_plan", "SELECT toString(plan) AS plan FROM {t:tenants}", t);
    activeDays =
        ScopedQuery.of(
            "active_days",
            "SELECT toString(toDate(event_time)) AS day, count() AS events, uniqExact(user_id) AS users"
                + " FROM {t:events} WHERE type IN ('activity', 'feature_used', 'onboarding_step', 'usage')"
                + " AND "
                + RANGE
                + " GROUP BY day ORDER BY day",
            t);
    activeUsers =
        ScopedQuery.of(
            "active_users",
            "SELECT uniqExact(user_id) AS users FROM {t:events}"
                + " WHERE type IN ('activity', 'feature_used', 'onboarding_step', 'usage') AND "
                + RANGE,
            t);
    featuresUsed =
        ScopedQuery.of(
            "features_used",
            "SELECT toString(feature) AS feature, count() AS uses,"
                + " toUnixTimestamp64Milli(max(event_time)) AS last_used FROM {t:events}"
                + " WHERE type = 'feature_used' AND "
                + RANGE
                + " GROUP BY feature ORDER BY feature",
            t);
    onboardingSteps =
        ScopedQuery.of(
            "onboarding_steps",
            "SELECT toUnixTimestamp64Milli(signed_up_at) AS signed_up, toString(step) AS step,"
                + " toUnixTimestamp64Milli(at) AS at FROM {t:onboarding_tenants}"
                + " ARRAY JOIN mapKeys(step_first_at) AS step, mapValues(step_first_at) AS at",
            t);
    planEvents =
        ScopedQuery.of(
            "plan_history",
            "SELECT toUnixTimestamp64Milli(event_time) AS at, toString(type) AS type,"
                + " toString(plan) AS plan, toString(billing_model) AS billing_model, seats"
                + " FROM {t:events} WHERE type IN ('tenant_signed_up', 'plan_changed', 'tenant_churned')"
                + " ORDER BY event_time, event_id",
            t);
  }

  private static Map<String, Object> range(Instant from, Instant to) {
    return Map.of("from", UTC_TEXT.format(from), "to", UTC_TEXT.format(to));
  }

  /** The tenant's current plan, {@code unknown} before any plan event. */
  public String plan(TenantScope scope) {
    return warehouse.query(currentPlan, scope, Map.of(), r -> r.getString("plan")).stream()
        .findFirst()
        .orElse(PlanCatalog.UNKNOWN_PLAN);
  }

  public Reports.Usage usage(TenantScope scope, Granularity granularity, Instant from, Instant to) {
    ScopedQuery query =
        switch (granularity) {
          case HOUR -> usageByHour;
          case DAY -> usageByDay;
          case MONTH -> usageByMonth;
        };
    record Row(long start, String meter, double quantity) {}
    List<Row> rows =
        warehouse.query(
            query,
            scope,
            range(from, to),
            r -> new Row(r.getLong("start"), r.getString("meter"), r.getDouble("quantity")));
    String plan = plan(scope);
    Optional<Price> usagePrice = catalog.plan(plan).map(p -> p.price(BillingModel.USAGE));
    Map<String, List<Reports.Point>> byMeter = new LinkedHashMap<>();
    for (Row row : rows) {
      byMeter
          .computeIfAbsent(row.meter(), m -> new ArrayList<>())
          .add(new Reports.Point(Instant.ofEpochMilli(row.start()), row.quantity()));
    }
    List<Reports.MeterUsage> meters = new ArrayList<>();
    byMeter.forEach(
        (meter, points) -> {
          double total = points.stream().mapToDouble(Reports.Point::quantity).sum();
          BigDecimal unit =
              usagePrice.filter(p -> meter.equals(p.meter())).map(Price::amount).orElse(null);
          BigDecimal amount = unit == null ? null : unit.multiply(BigDecimal.valueOf(total));
          meters.add(new Reports.MeterUsage(meter, unit, total, amount, List.copyOf(points)));
        });
    return new Reports.Usage(
        scope.tenantId(),
        granularity.wireName(),
        from,
        to,
        plan,
        catalog.currency().getCurrencyCode(),
        meters);
  }

  public Reports.Activity activity(TenantScope scope, Instant from, Instant to) {
    List<Reports.ActiveDay> days =
        warehouse.query(
            activeDays,
            scope,
            range(from, to),
            r ->
                new Reports.ActiveDay(
                    LocalDate.parse(r.getString("day")), r.getLong("events"), r.getLong("users")));
    long users =
        warehouse.query(activeUsers, scope, range(from, to), r -> r.getLong("users")).stream()
            .findFirst()
            .orElse(0L);
    return new Reports.Activity(scope.tenantId(), from, to, days.size(), users, days);
  }

  public Reports.Features features(TenantScope scope, Instant from, Instant to) {
    record Used(String feature, long uses, long lastUsed) {}
    List<Used> used =
        warehouse.query(
            featuresUsed,
            scope,
            range(from, to),
            r -> new Used(r.getString("feature"), r.getLong("uses"), r.getLong("last_used")));
    String plan = plan(scope);
    List<String> planFeatures = catalog.plan(plan).map(Plan::features).orElse(List.of());
    Map<String, Reports.FeatureUse> out = new LinkedHashMap<>();
    for (String feature : planFeatures) {
      out.put(feature, new Reports.FeatureUse(feature, true, 0, null));
    }
    for (Used u : used) {
      out.put(
          u.feature(),
          new Reports.FeatureUse(
              u.feature(),
              planFeatures.contains(u.feature()),
              u.uses(),
              Instant.ofEpochMilli(u.lastUsed())));
    }
    return new Reports.Features(scope.tenantId(), from, to, plan, List.copyOf(out.values()));
  }

  public Reports.Onboarding onboarding(TenantScope scope) {
    record Reached(long signedUp, String step, long at) {}
    List<Reached> reached =
        warehouse.query(
            onboardingSteps,
            scope,
            Map.of(),
            r -> new Reached(r.getLong("signed_up"), r.getString("step"), r.getLong("at")));
    Map<String, Instant> at = new LinkedHashMap<>();
    reached.forEach(r -> at.put(r.step(), Instant.ofEpochMilli(r.at())));
    List<Reports.Step> steps = new ArrayList<>();
    String next = null;
    for (String step : catalog.onboardingSteps()) {
      Instant when = at.get(step);
      steps.add(new Reports.Step(step, when != null, when));
      if (when == null && next == null) {
        next = step;
      }
    }
    Instant signedUp = reached.isEmpty() ? null : Instant.ofEpochMilli(reached.get(0).signedUp());
    return new Reports.Onboarding(
        scope.tenantId(), signedUp, steps, next, at.containsKey(catalog.completionStep()));
  }

  public Reports.PlanHistory planHistory(TenantScope scope) {
    List<Reports.PlanChange> changes =
        warehouse.query(
            planEvents,
            scope,
            Map.of(),
            r -> {
              long seats = r.getLong("seats");
              Integer s = r.wasNull() ? null : (int) seats;
              return new Reports.PlanChange(
                  Instant.ofEpochMilli(r.getLong("at")),
                  r.getString("type"),
                  r.getString("plan"),
                  r.getString("billing_model"),
                  s);
            });
    return new Reports.PlanHistory(scope.tenantId(), changes);
  }
}
