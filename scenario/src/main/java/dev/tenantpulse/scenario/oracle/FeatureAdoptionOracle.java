package dev.tenantpulse.scenario.oracle;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code feature_adoption_daily}: for every closed UTC day D, catalog plan P and feature F (the
 * catalog's, plus every feature of a counted {@code feature_used} in the window), the tenants on P
 * and not churned at D+1d, and those of them that used F in [D+1d-30d, D+1d).
 *
 * <p>The window is whole days, so "used in the window" is "used on one of the days D-29 .. D".
 */
final class FeatureAdoptionOracle {

  static final long DAY = 86_400_000L;
  private static final int WINDOW_DAYS = 30;

  private FeatureAdoptionOracle() {}

  /**
   * @param firstDay epoch day of the first row
   * @param lastDay epoch day of the last row (the last closed day); none when before firstDay
   */
  static List<ExpectedFeatureAdoption> compute(
      List<TenantEvent> counted,
      Map<String, TenantHistory> histories,
      PlanCatalog catalog,
      long firstDay,
      long lastDay) {
    // tenant -> feature -> epoch days it was used on
    Map<String, Map<String, TreeSet<Long>>> use = new HashMap<>();
    // feature -> days it was used on by anyone (for the features outside the catalog)
    Map<String, TreeSet<Long>> anyUse = new TreeMap<>();
    for (TenantEvent e : counted) {
      if (e.type() == EventType.FEATURE_USED) {
        long day = Math.floorDiv(e.timestamp().toEpochMilli(), DAY);
        use.computeIfAbsent(e.tenantId(), t -> new HashMap<>())
            .computeIfAbsent(e.feature(), f -> new TreeSet<>())
            .add(day);
        anyUse.computeIfAbsent(e.feature(), f -> new TreeSet<>()).add(day);
      }
    }
    List<String> plans = catalog.planIds();
    List<ExpectedFeatureAdoption> rows = new ArrayList<>();
    for (long d = firstDay; d <= lastDay; d++) {
      long windowFirstDay = d - WINDOW_DAYS + 1;
      Map<String, Boolean> features = new LinkedHashMap<>();
      catalog.featureIds().forEach(f -> features.put(f, true));
      for (Map.Entry<String, TreeSet<Long>> f : anyUse.entrySet()) {
        if (!features.containsKey(f.getKey()) && usedBetween(f.getValue(), windowFirstDay, d)) {
          features.put(f.getKey(), false);
        }
      }
      long closesAt = (d + 1) * DAY;
      Map<String, Long> planTenants = new HashMap<>();
      Map<String, Map<String, Long>> adopting = new HashMap<>();
      for (TenantHistory history : histories.values()) {
        String plan = history.planAt(closesAt);
        if (!catalog.isKnownPlan(plan) || history.churnedAt(closesAt)) {
          continue;
        }
        planTenants.merge(plan, 1L, Long::sum);
        Map<String, TreeSet<Long>> tenantUse = use.getOrDefault(history.tenantId(), Map.of());
        for (Map.Entry<String, TreeSet<Long>> f : tenantUse.entrySet()) {
          if (usedBetween(f.getValue(), windowFirstDay, d)) {
            adopting.computeIfAbsent(plan, p -> new HashMap<>()).merge(f.getKey(), 1L, Long::sum);
          }
        }
      }
      LocalDate day = LocalDate.ofEpochDay(d);
      for (String plan : plans) {
        long tenants = planTenants.getOrDefault(plan, 0L);
        for (Map.Entry<String, Boolean> f : features.entrySet()) {
          long adopters = adopting.getOrDefault(plan, Map.of()).getOrDefault(f.getKey(), 0L);
          Double ratio = tenants == 0 ? null : adopters / (double) tenants;
          rows.add(
              new ExpectedFeatureAdoption(
                  day, plan, f.getKey(), f.getValue(), tenants, adopters, ratio));
        }
      }
    }
    return rows;
  }

  private static boolean usedBetween(TreeSet<Long> days, long from, long to) {
    Long latest = days.floor(to);
    return latest != null && latest >= from;
  }
}
