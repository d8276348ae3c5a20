package dev.tenantpulse.flink.metrics.active;

import static dev.tenantpulse.flink.metrics.UtcTime.DAY_MS;
import static dev.tenantpulse.flink.metrics.UtcTime.HOUR_MS;

import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.RowVersions;
import dev.tenantpulse.flink.metrics.UtcTime;
import dev.tenantpulse.flink.tenant.LifecycleEntry;
import dev.tenantpulse.flink.tenant.TenantTimeline;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Active tenants per hour, overall and per plan, from tenant-hour and lifecycle facts: the logic of
 * {@link ActiveTenantsFunction}, free of Flink so it can be tested directly.
 *
 * <p>Hours close in order as event time passes them. The tenants of the newest closed window are
 * kept as a multiset (tenant to number of its active hours in the window), so closing the next hour
 * costs the tenants of the hour entering and the hour leaving, not 24 hours of tenants. A fact
 * behind the closed frontier (an event within the lateness) recounts the closed hours whose window
 * holds it from the per-hour sets, and every row whose values change (the hour itself and, through
 * weekly_avg, the same hour on the next seven days) is emitted again with a higher version.
 *
 * <p>State is bounded: per-hour tenant sets are kept for 24 h plus the lateness and a margin behind
 * the frontier, counts and emitted rows for 8 days plus the same, and lifecycle entries older than
 * that are compacted away (the latest plan and churn before it are kept).
 */
public final class ActiveHours {

  /** Where rows go. */
  public interface Output {
    void overall(ActiveHourRow row);

    void byPlan(ActiveHourByPlanRow row);
  }

  private final List<String> plans;
  private final Map<String, Integer> planIndex = new HashMap<>();
  private final long latenessMs;
  private final long marginMs;
  private final EmitRange range;

  private long minHour = Long.MAX_VALUE;
  private long maxHour = Long.MIN_VALUE;
  private long lastClosed = Long.MIN_VALUE;
  private final TreeMap<Long, Set<String>> tenantsByHour = new TreeMap<>();
  private final Map<String, TenantTimeline> timelines = new HashMap<>();
  private final TreeMap<Long, long[]> counts = new TreeMap<>();
  private final TreeMap<Long, EmittedHour> emitted = new TreeMap<>();
  private Map<String, Integer> window = new HashMap<>();

  /**
   * @param plans the per-plan rows: catalog plans then {@code unknown}
   * @param range rows outside it are computed (later rows need them) but not emitted
   */
  public ActiveHours(List<String> plans, long latenessMs, long marginMs, EmitRange range) {
    this.plans = List.copyOf(plans);
    for (int i = 0; i < this.plans.size(); i++) {
      planIndex.put(this.plans.get(i), i);
    }
    this.latenessMs = latenessMs;
    this.marginMs = marginMs;
    this.range = range;
  }

  /** The first window end the metric has: {@code floor_hour(min fact time) + 1h}. */
  public long firstHour() {
    return minHour == Long.MAX_VALUE ? Long.MAX_VALUE : minHour + HOUR_MS;
  }

  /** The last window end of a bounded input: {@code floor_hour(max fact time) + 1h}. */
  public long lastHour() {
    return maxHour == Long.MIN_VALUE ? Long.MIN_VALUE : maxHour + HOUR_MS;
  }

  /** The next window end to close, {@link Long#MAX_VALUE} before any fact. */
  public long nextToClose() {
    if (minHour == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    return lastClosed == Long.MIN_VALUE ? firstHour() : lastClosed + HOUR_MS;
  }

  public long lastClosed() {
    return lastClosed;
  }

  /** The tenant had an activity event in the hour starting at {@code hour}. */
  public void onActive(String tenant, long hourStart, long now, Output out) {
    long hour = UtcTime.floorHour(hourStart);
    long oldFirst = firstHour();
    noteTime(hour);
    boolean added = tenantsByHour.computeIfAbsent(hour, h -> new HashSet<>()).add(tenant);
    if (lastClosed == Long.MIN_VALUE) {
      return;
    }
    if (added && hour >= lastClosed - DAY_MS && hour < lastClosed) {
      window.merge(tenant, 1, Integer::sum);
    }
    TreeSet<Long> changed = new TreeSet<>();
    backfill(oldFirst, changed); // counts the hours before the old first hour, this fact included
    if (added && hour < lastClosed) {
      // A late tenant-hour adds the tenant to the closed windows holding the hour, unless it was
      // active in another hour of that window already: 24 set lookups per hour, no recount.
      long from = Math.max(hour + HOUR_MS, Math.max(oldFirst, recountFloor()));
      for (long h = from; h <= Math.min(hour + DAY_MS, lastClosed); h += HOUR_MS) {
        long[] c = counts.get(h);
        if (c != null && !activeIn(tenant, h, hour)) {
          long[] updated = c.clone();
          updated[0]++;
          int plan = planColumn(tenant, h);
          if (plan > 0) {
            updated[plan]++;
          }
          counts.put(h, updated);
          changed.add(h);
        }
      }
    }
    rederive(changed, oldFirst, now, out);
  }

  /** A signup, plan change or churn of the tenant. */
  public void onLifecycle(String tenant, LifecycleEntry entry, long now, Output out) {
    long oldFirst = firstHour();
    noteTime(UtcTime.floorHour(entry.timestamp()));
    TenantTimeline timeline = timelines.computeIfAbsent(tenant, t -> TenantTimeline.empty());
    if (lastClosed == Long.MIN_VALUE) {
      timeline.add(entry);
      return;
    }
    // Plan at H changes for the closed hours after the entry: only per-plan counts can move, and
    // only for the hours whose window holds the tenant.
    Map<Long, Integer> before = new HashMap<>();
    long from = Math.max(UtcTime.floorHour(entry.timestamp()) + HOUR_MS, recountFloor());
    for (long h = from; h <= lastClosed; h += HOUR_MS) {
      if (counts.containsKey(h) && activeIn(tenant, h, Long.MIN_VALUE)) {
        before.put(h, planColumn(tenant, h));
      }
    }
    timeline.add(entry);
    TreeSet<Long> changed = new TreeSet<>();
    backfill(oldFirst, changed);
    before.forEach(
        (h, oldPlan) -> {
          int newPlan = planColumn(tenant, h);
          if (newPlan != oldPlan) {
            long[] updated = counts.get(h).clone();
            if (oldPlan > 0) {
              updated[oldPlan]--;
            }
            if (newPlan > 0) {
              updated[newPlan]++;
            }
            counts.put(h, updated);
            changed.add(h);
          }
        });
    rederive(changed, oldFirst, now, out);
  }

  /**
   * Whether the tenant has an active hour in [windowEnd-24h, windowEnd) other than {@code except}.
   */
  private boolean activeIn(String tenant, long windowEnd, long except) {
    for (long g = windowEnd - DAY_MS; g < windowEnd; g += HOUR_MS) {
      if (g != except) {
        Set<String> hour = tenantsByHour.get(g);
        if (hour != null && hour.contains(tenant)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The counts column (1..) of the tenant's plan at H, or 0 when its plan has no column. */
  private int planColumn(String tenant, long windowEnd) {
    TenantTimeline timeline = timelines.get(tenant);
    String plan = timeline == null ? PlanCatalog.UNKNOWN_PLAN : timeline.planAt(windowEnd);
    Integer i = planIndex.get(plan);
    return i == null ? 0 : i + 1;
  }

  /** Hours further back than the lateness cannot receive facts; their windows are pruned. */
  private long recountFloor() {
    return Math.max(firstHour(), UtcTime.floorHour(lastClosed - latenessMs - marginMs));
  }

  /**
   * Closes every hour H with {@code H - 1ms <= watermark} (event time has passed it) and {@code H
   * <= limit}, in order, emitting its rows.
   */
  public void closeUpTo(long watermark, long limit, long now, Output out) {
    long next = nextToClose();
    while (next != Long.MAX_VALUE && next - 1 <= watermark && next <= limit) {
      closeNext(next, now, out);
      next += HOUR_MS;
    }
    prune();
  }

  private void noteTime(long hour) {
    minHour = Math.min(minHour, hour);
    maxHour = Math.max(maxHour, hour);
  }

  private void closeNext(long windowEnd, long now, Output out) {
    if (lastClosed == Long.MIN_VALUE || windowEnd != lastClosed + HOUR_MS) {
      window = windowOf(windowEnd);
    } else {
      for (String tenant : tenantsByHour.getOrDefault(windowEnd - HOUR_MS, Set.of())) {
        window.merge(tenant, 1, Integer::sum);
      }
      for (String tenant : tenantsByHour.getOrDefault(windowEnd - HOUR_MS - DAY_MS, Set.of())) {
        window.computeIfPresent(tenant, (t, n) -> n == 1 ? null : n - 1);
      }
    }
    lastClosed = windowEnd;
    counts.put(windowEnd, count(window.keySet(), windowEnd));
    emitIfChanged(windowEnd, now, out);
    if (windowEnd % DAY_MS == 0) {
      long horizon = retainedHoursFrom();
      timelines.values().forEach(t -> t.compactBefore(horizon));
    }
  }

  /** Hours before the first hour moved earlier (an earlier fact arrived late): count them now. */
  private void backfill(long oldFirst, Set<Long> changed) {
    long first = firstHour();
    if (first < oldFirst && oldFirst != Long.MAX_VALUE) {
      recount(first, Math.min(oldFirst - HOUR_MS, lastClosed), changed);
    }
  }

  private void recount(long from, long to, Set<Long> changed) {
    for (long h = Math.max(from, recountFloor()); h <= to; h += HOUR_MS) {
      long[] fresh = count(union(h), h);
      if (!Arrays.equals(fresh, counts.get(h))) {
        counts.put(h, fresh);
        changed.add(h);
      }
    }
  }

  /**
   * Emits the rows of the changed hours, of the hours whose weekly_avg they feed, and of the hours
   * whose weekly_avg became defined or undefined because the first hour moved.
   */
  private void rederive(TreeSet<Long> changed, long oldFirst, long now, Output out) {
    TreeSet<Long> targets = new TreeSet<>();
    for (long h : changed) {
      for (int k = 0; k <= 7; k++) {
        targets.add(h + k * DAY_MS);
      }
    }
    long first = firstHour();
    if (first < oldFirst && oldFirst != Long.MAX_VALUE) {
      for (long h = first + 7 * DAY_MS; h < oldFirst + 7 * DAY_MS; h += HOUR_MS) {
        targets.add(h);
      }
    }
    for (long h : targets) {
      if (h <= lastClosed && counts.containsKey(h)) {
        emitIfChanged(h, now, out);
      }
    }
  }

  private void emitIfChanged(long windowEnd, long now, Output out) {
    long[] c = counts.get(windowEnd);
    Instant end = Instant.ofEpochMilli(windowEnd);
    EmittedHour previous = emitted.get(windowEnd);
    long version = RowVersions.next(previous == null ? RowVersions.NONE : previous.version(), now);
    Instant computedAt = Instant.ofEpochMilli(version);
    boolean emit = range.contains(windowEnd);
    boolean any = false;

    Double weekly = weeklyAvg(windowEnd, 0);
    ActiveHourRow row =
        new ActiveHourRow(end, c[0], weekly, dropRatio(c[0], weekly), computedAt, version);
    ActiveHourRow overall = previous == null ? null : previous.row();
    if (!row.sameValues(overall)) {
      overall = row;
      any = true;
      if (emit) {
        out.overall(row);
      }
    }
    List<ActiveHourByPlanRow> planRows = new ArrayList<>(plans.size());
    for (int i = 0; i < plans.size(); i++) {
      long active = c[i + 1];
      Double planWeekly = weeklyAvg(windowEnd, i + 1);
      ActiveHourByPlanRow planRow =
          new ActiveHourByPlanRow(
              end,
              plans.get(i),
              active,
              planWeekly,
              dropRatio(active, planWeekly),
              computedAt,
              version);
      ActiveHourByPlanRow old = previous == null ? null : previous.planRows().get(i);
      if (planRow.sameValues(old)) {
        planRows.add(old);
      } else {
        planRows.add(planRow);
        any = true;
        if (emit) {
          out.byPlan(planRow);
        }
      }
    }
    if (any) {
      emitted.put(windowEnd, new EmittedHour(overall, planRows, version));
    }
  }

  /** weekly_avg of column {@code column} (0 overall, 1.. per plan) at H; null per the NULL rule. */
  private Double weeklyAvg(long windowEnd, int column) {
    if (windowEnd - 7 * DAY_MS < firstHour()) {
      return null;
    }
    long sum = 0;
    for (int k = 1; k <= 7; k++) {
      long[] c = counts.get(windowEnd - k * DAY_MS);
      if (c == null) {
        // Pruned or never closed: cannot happen while retention covers 7 days back.
        throw new IllegalStateException(
            "no count for "
                + Instant.ofEpochMilli(windowEnd - k * DAY_MS)
                + " (retention too short?)");
      }
      sum += c[column];
    }
    return sum / 7.0;
  }

  static Double dropRatio(long active, Double weeklyAvg) {
    if (weeklyAvg == null || weeklyAvg == 0.0) {
      return null;
    }
    return 1.0 - active / weeklyAvg;
  }

  private Set<String> union(long windowEnd) {
    Set<String> tenants = new HashSet<>();
    tenantsByHour
        .subMap(windowEnd - DAY_MS, true, windowEnd, false)
        .values()
        .forEach(tenants::addAll);
    return tenants;
  }

  private long[] count(Iterable<String> tenants, long windowEnd) {
    long[] c = new long[plans.size() + 1];
    for (String tenant : tenants) {
      c[0]++;
      int plan = planColumn(tenant, windowEnd);
      if (plan > 0) {
        c[plan]++;
      }
    }
    return c;
  }

  private long retainedHoursFrom() {
    return lastClosed - DAY_MS - latenessMs - marginMs;
  }

  private void prune() {
    if (lastClosed == Long.MIN_VALUE) {
      return;
    }
    tenantsByHour.headMap(retainedHoursFrom()).clear();
    long countsFrom = lastClosed - 8 * DAY_MS - latenessMs - marginMs;
    counts.headMap(countsFrom).clear();
    emitted.headMap(countsFrom).clear();
  }

  /** The rows last emitted for an hour and the version they carry. */
  public record EmittedHour(ActiveHourRow row, List<ActiveHourByPlanRow> planRows, long version) {}

  /** Everything needed to continue after a restore, as Flink-serialisable values. */
  public record Snapshot(
      long minHour,
      long maxHour,
      long lastClosed,
      Map<Long, List<String>> tenantsByHour,
      Map<String, List<LifecycleEntry>> timelines,
      Map<Long, List<Long>> counts,
      Map<Long, EmittedHour> emitted) {}

  public Snapshot snapshot() {
    Map<Long, List<String>> hours = new LinkedHashMap<>();
    tenantsByHour.forEach((h, t) -> hours.put(h, List.copyOf(t)));
    Map<String, List<LifecycleEntry>> lines = new HashMap<>();
    timelines.forEach((t, l) -> lines.put(t, l.entries()));
    Map<Long, List<Long>> c = new LinkedHashMap<>();
    counts.forEach((h, v) -> c.put(h, Arrays.stream(v).boxed().toList()));
    return new Snapshot(
        minHour, maxHour, lastClosed, hours, lines, c, new LinkedHashMap<>(emitted));
  }

  public void restore(Snapshot s) {
    minHour = s.minHour();
    maxHour = s.maxHour();
    lastClosed = s.lastClosed();
    tenantsByHour.clear();
    s.tenantsByHour().forEach((h, t) -> tenantsByHour.put(h, new HashSet<>(t)));
    timelines.clear();
    s.timelines().forEach((t, l) -> timelines.put(t, TenantTimeline.of(l)));
    counts.clear();
    s.counts().forEach((h, v) -> counts.put(h, v.stream().mapToLong(Long::longValue).toArray()));
    emitted.clear();
    emitted.putAll(s.emitted());
    window = lastClosed == Long.MIN_VALUE ? new HashMap<>() : windowOf(lastClosed);
  }

  /** Each tenant active in [H-24h, H) with its number of active hours there. */
  private Map<String, Integer> windowOf(long windowEnd) {
    Map<String, Integer> w = new HashMap<>();
    tenantsByHour
        .subMap(windowEnd - DAY_MS, true, windowEnd, false)
        .values()
        .forEach(hour -> hour.forEach(t -> w.merge(t, 1, Integer::sum)));
    return w;
  }
}
