package dev.tenantpulse.scenario.oracle;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code active_tenants_hourly} and {@code _by_plan}: for every whole hour H from the first to the
 * last emitted hour, the distinct tenants with an activity event in [H-24h, H), in total and by
 * their plan at H; then the 7-day average of the same hour and the drop ratio.
 *
 * <p>Windows are whole hours, so a tenant active in hour bucket b (its events in [b, b+1h)) is in
 * the windows ending at b+1h .. b+24h, and nowhere else.
 */
final class ActiveTenantsOracle {

  static final long HOUR = 3_600_000L;
  private static final int WINDOW_HOURS = 24;
  private static final int WEEK_DAYS = 7;

  record Result(List<ExpectedActiveHour> total, List<ExpectedActiveHourByPlan> byPlan) {}

  private ActiveTenantsOracle() {}

  /**
   * @param firstHour index (millis / 1 h) of the first emitted window end
   * @param lastHour index of the last emitted window end
   * @param plans the plan columns, in row order (catalog plans, unknown, any other plan seen)
   */
  static Result compute(
      List<TenantEvent> counted,
      Map<String, TenantHistory> histories,
      List<String> plans,
      long firstHour,
      long lastHour) {
    int hours = (int) (lastHour - firstHour + 1);
    long[] total = new long[hours];
    long[][] byPlan = new long[plans.size()][hours];
    Map<String, Integer> planIndex = new HashMap<>();
    for (int p = 0; p < plans.size(); p++) {
      planIndex.put(plans.get(p), p);
    }
    // Per tenant, the hour buckets (relative to the first window end - 24 h) with activity.
    long base = firstHour - WINDOW_HOURS;
    Map<String, BitSet> buckets = new HashMap<>();
    for (TenantEvent e : counted) {
      if (e.type().isActivity()) {
        long bucket = Math.floorDiv(e.timestamp().toEpochMilli(), HOUR);
        buckets.computeIfAbsent(e.tenantId(), t -> new BitSet()).set((int) (bucket - base));
      }
    }
    for (Map.Entry<String, BitSet> tenant : buckets.entrySet()) {
      TenantHistory history = histories.get(tenant.getKey());
      BitSet active = tenant.getValue();
      long covered = Long.MIN_VALUE; // windows up to here already counted this tenant
      for (int b = active.nextSetBit(0); b >= 0; b = active.nextSetBit(b + 1)) {
        long bucket = base + b;
        long from = Math.max(bucket + 1, covered + 1);
        long to = Math.min(bucket + WINDOW_HOURS, lastHour);
        for (long h = from; h <= to; h++) {
          int i = (int) (h - firstHour);
          total[i]++;
          String plan = history == null ? PlanCatalog.UNKNOWN_PLAN : history.planAt(h * HOUR);
          byPlan[planIndex.get(plan)][i]++;
        }
        covered = Math.max(covered, bucket + WINDOW_HOURS);
      }
    }
    List<ExpectedActiveHour> totalRows = new ArrayList<>(hours);
    List<ExpectedActiveHourByPlan> planRows = new ArrayList<>(hours * plans.size());
    for (int i = 0; i < hours; i++) {
      Instant windowEnd = Instant.ofEpochMilli((firstHour + i) * HOUR);
      Double avg = weeklyAverage(total, i);
      totalRows.add(new ExpectedActiveHour(windowEnd, total[i], avg, dropRatio(total[i], avg)));
      for (int p = 0; p < plans.size(); p++) {
        Double planAvg = weeklyAverage(byPlan[p], i);
        planRows.add(
            new ExpectedActiveHourByPlan(
                windowEnd, plans.get(p), byPlan[p][i], planAvg, dropRatio(byPlan[p][i], planAvg)));
      }
    }
    return new Result(totalRows, planRows);
  }

  /** Mean of the same hour on the 7 previous days; null while one of them was not emitted. */
  static Double weeklyAverage(long[] series, int i) {
    if (i - WEEK_DAYS * WINDOW_HOURS < 0) {
      return null;
    }
    long sum = 0;
    for (int k = 1; k <= WEEK_DAYS; k++) {
      sum += series[i - k * WINDOW_HOURS];
    }
    return sum / (double) WEEK_DAYS;
  }

  static Double dropRatio(long active, Double weeklyAvg) {
    if (weeklyAvg == null || weeklyAvg == 0.0) {
      return null;
    }
    return 1.0 - active / weeklyAvg;
  }
}
