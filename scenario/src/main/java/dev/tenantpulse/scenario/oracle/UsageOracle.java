package dev.tenantpulse.scenario.oracle;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code usage_daily}: the sum of counted usage quantities per UTC day, tenant and meter; {@code
 * usage_monthly}: the same per UTC calendar month, summed from the events again (not from the day
 * rows); {@code usage_hourly}: the same per UTC hour; {@code usage_daily_by_plan}: the day rows
 * grouped by the tenant's plan at the end of the day (its latest signup or plan change strictly
 * before day + 1d, else unknown).
 */
final class UsageOracle {

  private record Key(LocalDate day, String tenantId, String meter) {}

  private record PlanKey(LocalDate day, String plan, String meter) {}

  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::day).thenComparing(Key::tenantId).thenComparing(Key::meter);

  private static final Comparator<PlanKey> PLAN_ORDER =
      Comparator.comparing(PlanKey::day).thenComparing(PlanKey::plan).thenComparing(PlanKey::meter);

  private UsageOracle() {}

  static List<ExpectedUsageDay> compute(List<TenantEvent> counted) {
    TreeMap<Key, Double> sums = sumsBy(counted, false);
    List<ExpectedUsageDay> rows = new ArrayList<>(sums.size());
    sums.forEach((k, q) -> rows.add(new ExpectedUsageDay(k.day(), k.tenantId(), k.meter(), q)));
    return rows;
  }

  /** By month, then tenant and meter. */
  static List<ExpectedUsageMonth> months(List<TenantEvent> counted) {
    TreeMap<Key, Double> sums = sumsBy(counted, true);
    List<ExpectedUsageMonth> rows = new ArrayList<>(sums.size());
    sums.forEach((k, q) -> rows.add(new ExpectedUsageMonth(k.day(), k.tenantId(), k.meter(), q)));
    return rows;
  }

  /** By hour, then tenant and meter: summed from the events again, not split from the days. */
  static List<ExpectedUsageHour> hours(List<TenantEvent> counted) {
    record HourKey(Instant hour, String tenantId, String meter) {}
    TreeMap<HourKey, Double> sums =
        new TreeMap<>(
            Comparator.comparing(HourKey::hour)
                .thenComparing(HourKey::tenantId)
                .thenComparing(HourKey::meter));
    for (TenantEvent e : counted) {
      if (e.type() == EventType.USAGE) {
        Instant hour = e.timestamp().truncatedTo(ChronoUnit.HOURS);
        sums.merge(new HourKey(hour, e.tenantId(), e.meter()), e.quantity(), Double::sum);
      }
    }
    List<ExpectedUsageHour> rows = new ArrayList<>(sums.size());
    sums.forEach((k, q) -> rows.add(new ExpectedUsageHour(k.hour(), k.tenantId(), k.meter(), q)));
    return rows;
  }

  /** By day, then plan and meter. */
  static List<ExpectedUsageDayByPlan> byPlan(
      List<ExpectedUsageDay> days, Map<String, TenantHistory> histories) {
    TreeMap<PlanKey, double[]> sums = new TreeMap<>(PLAN_ORDER);
    for (ExpectedUsageDay d : days) {
      long dayEnd = d.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      TenantHistory history = histories.get(d.tenantId());
      String plan = history == null ? PlanCatalog.UNKNOWN_PLAN : history.planAt(dayEnd);
      double[] sum =
          sums.computeIfAbsent(new PlanKey(d.day(), plan, d.meter()), k -> new double[2]);
      sum[0] += d.quantity();
      sum[1] += 1;
    }
    List<ExpectedUsageDayByPlan> rows = new ArrayList<>(sums.size());
    sums.forEach(
        (k, s) ->
            rows.add(new ExpectedUsageDayByPlan(k.day(), k.plan(), k.meter(), s[0], (long) s[1])));
    return rows;
  }

  private static TreeMap<Key, Double> sumsBy(List<TenantEvent> counted, boolean month) {
    TreeMap<Key, Double> sums = new TreeMap<>(ORDER);
    for (TenantEvent e : counted) {
      if (e.type() == EventType.USAGE) {
        LocalDate day = LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC);
        LocalDate period = month ? day.withDayOfMonth(1) : day;
        sums.merge(new Key(period, e.tenantId(), e.meter()), e.quantity(), Double::sum);
      }
    }
    return sums;
  }
}
