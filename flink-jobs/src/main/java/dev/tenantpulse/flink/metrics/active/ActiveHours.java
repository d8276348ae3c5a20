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
 * kept as a multiset (tenant to number of its active hours in the window) with their counts per
 * plan at the window's end, so closing the next hour costs the tenants of the hour entering, of the
 * hour leaving and those whose plan changes in the hour, not the plans of 24 hours of tenants. A
 * fact behind the closed frontier (an event within the lateness) recounts the closed hours whose
 * window holds it from the per-hour sets, and every row whose values change (the hour itself and,
 * through weekly_avg, the same hour on the next seven days) is emitted again with a higher version.
 *
 * <p>An erased tenant is forgotten ({@link #forget}): its share is taken out of every closed hour
 * it counted in, and the rows that change are emitted again the same way. Per-hour sets are kept
 * for a day only, so each tenant's counted window ends are kept as ranges for as long as counts
 * are.
 *
 * <p>State is bounded: per-hour tenant sets are kept for 24 h plus the lateness and a margin behind
 * the frontier, counts, emitted rows and counted ranges for 8 days plus the same, and lifecycle
 * entries older than that are compacted away (the latest plan and churn before it are kept).
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
  // Tenant to the window ends it counts in, as ranges first -> last (inclusive, whole hours).
  private final Map<String, TreeMap<Long, Long>> countedIn = new HashMap<>();
  private Map<String, Integer> window = new HashMap<>();
  // count(window, lastClosed), kept up to date as the window and the timelines change.
  private long[] windowCounts;
  // Tenants with a plan-setting entry at or after lastClosed, by the entry's time: their plan at
  // the next window end may differ from the one they count under now.
  private final TreeMap<Long, Set<String>> planChanges = new TreeMap<>();

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
    noteCounted(tenant, hour);
    if (lastClosed == Long.MIN_VALUE) {
      return;
    }
    if (added && hour >= lastClosed - DAY_MS && hour < lastClosed) {
      if (window.merge(tenant, 1, Integer::sum) == 1) {
        addToWindowCounts(tenant, lastClosed, 1);
      }
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
    if (entry.setsPlan()) {
      planChanges.computeIfAbsent(entry.timestamp(), t -> new HashSet<>()).add(tenant);
    }
    if (lastClosed == Long.MIN_VALUE) {
      timeline.add(entry);
      return;
    }
    boolean inWindow = window.containsKey(tenant);
    if (inWindow) {
      addToWindowCounts(tenant, lastClosed, -1);
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
    if (inWindow) {
      addToWindowCounts(tenant, lastClosed, 1);
    }
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
   * Erases the tenant: drops its hours, timeline and counted ranges, takes its share out of every
   * closed hour it counted in and emits again the rows that change (those hours and, through
   * weekly_avg, the same hours on the next seven days), with higher versions. Hours not closed yet
   * close without it. A tenant never seen changes nothing. Once an hour is closed the first hour
   * stays where it is, as its rows are written; before that it follows the remaining facts.
   */
  public void forget(String tenant, long now, Output out) {
    TreeSet<Long> changed = new TreeSet<>();
    TreeMap<Long, Long> counted = countedIn.remove(tenant);
    if (counted != null) {
      subtractFromClosedHours(tenant, counted, changed); // needs its timeline for the plan
    }
    if (window.containsKey(tenant)) {
      addToWindowCounts(tenant, lastClosed, -1); // so does this
    }
    timelines.remove(tenant);
    tenantsByHour.values().forEach(hour -> hour.remove(tenant));
    tenantsByHour.values().removeIf(Set::isEmpty);
    window.remove(tenant);
    if (lastClosed == Long.MIN_VALUE) {
      recomputeTimeBounds();
      return;
    }
    rederive(changed, firstHour(), now, out);
  }

  /** Takes the tenant (overall and under its plan at H) out of the counts of its closed hours. */
  private void subtractFromClosedHours(
      String tenant, TreeMap<Long, Long> ranges, Set<Long> changed) {
    ranges.forEach(
        (first, last) -> {
          long to = Math.min(last, lastClosed);
          for (long h = Math.max(first, firstHour()); h <= to; h += HOUR_MS) {
            if (subtract(tenant, h)) {
              changed.add(h);
            }
          }
        });
  }

  /** Takes the tenant out of the counts of H; false when H has no counts (pruned). */
  private boolean subtract(String tenant, long windowEnd) {
    long[] c = counts.get(windowEnd);
    if (c == null) {
      return false;
    }
    long[] updated = c.clone();
    updated[0]--;
    int plan = planColumn(tenant, windowEnd);
    if (plan > 0) {
      updated[plan]--;
    }
    counts.put(windowEnd, updated);
    return true;
  }

  /** Before any hour closes nothing is pruned, so the bounds follow exactly the facts left. */
  private void recomputeTimeBounds() {
    minHour = Long.MAX_VALUE;
    maxHour = Long.MIN_VALUE;
    tenantsByHour.keySet().forEach(this::noteTime);
    timelines
        .values()
        .forEach(t -> t.entries().forEach(e -> noteTime(UtcTime.floorHour(e.timestamp()))));
  }

  /**
   * Records the window ends a tenant-hour makes the tenant count in: H in (hour, hour+24h], except
   * closed hours behind the recount floor, which a fact arriving now no longer reaches.
   */
  private void noteCounted(String tenant, long hour) {
    long from = hour + HOUR_MS;
    if (lastClosed != Long.MIN_VALUE) {
      from = Math.max(from, Math.min(recountFloor(), lastClosed + HOUR_MS));
    }
    long to = hour + DAY_MS;
    if (from <= to) {
      addRange(countedIn.computeIfAbsent(tenant, t -> new TreeMap<>()), from, to);
    }
  }

  /** Adds [from, to] to the ranges, merging it with those it overlaps or touches. */
  private static void addRange(TreeMap<Long, Long> ranges, long from, long to) {
    Map.Entry<Long, Long> before = ranges.floorEntry(from);
    if (before != null && before.getValue() >= from - HOUR_MS) {
      from = before.getKey();
      to = Math.max(to, before.getValue());
    }
    Map.Entry<Long, Long> next = ranges.ceilingEntry(from);
    while (next != null && next.getKey() <= to + HOUR_MS) {
      to = Math.max(to, next.getValue());
      ranges.remove(next.getKey());
      next = ranges.higherEntry(next.getKey());
    }
    ranges.put(from, to);
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
      windowCounts = count(window.keySet(), windowEnd);
    } else {
      advanceWindow(windowEnd);
    }
    lastClosed = windowEnd;
    planChanges.headMap(windowEnd).clear();
    counts.put(windowEnd, windowCounts.clone());
    emitIfChanged(windowEnd, now, out);
    if (windowEnd % DAY_MS == 0) {
      // Plans are kept as far back as counts: forgetting a tenant needs its plan at those hours.
      long horizon = retainedCountsFrom();
      timelines.values().forEach(t -> t.compactBefore(horizon));
    }
  }

  /**
   * Moves the window from lastClosed to {@code windowEnd}, an hour later: only the tenants
   * entering, leaving, or with a plan-setting entry in between can change what they add to the
   * counts, so they are taken out at the old end and put back in at the new one.
   */
  private void advanceWindow(long windowEnd) {
    Set<String> entering = tenantsByHour.getOrDefault(windowEnd - HOUR_MS, Set.of());
    Set<String> leaving = tenantsByHour.getOrDefault(windowEnd - HOUR_MS - DAY_MS, Set.of());
    Set<String> moved = new HashSet<>(entering);
    moved.addAll(leaving);
    planChanges.subMap(lastClosed, windowEnd).values().forEach(moved::addAll);
    for (String tenant : moved) {
      if (window.containsKey(tenant)) {
        addToWindowCounts(tenant, lastClosed, -1);
      }
    }
    for (String tenant : entering) {
      window.merge(tenant, 1, Integer::sum);
    }
    for (String tenant : leaving) {
      window.computeIfPresent(tenant, (t, n) -> n == 1 ? null : n - 1);
    }
    for (String tenant : moved) {
      if (window.containsKey(tenant)) {
        addToWindowCounts(tenant, windowEnd, 1);
      }
    }
  }

  /** Adds (+1) or takes out (-1) the tenant, under its plan at {@code windowEnd}. */
  private void addToWindowCounts(String tenant, long windowEnd, int sign) {
    windowCounts[0] += sign;
    int plan = planColumn(tenant, windowEnd);
    if (plan > 0) {
      windowCounts[plan] += sign;
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
        // Only when a fact far behind the lateness moved the first hour back past pruned state;
        // an unknown average is NULL rather than a failed job.
        return null;
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

  private long retainedCountsFrom() {
    return lastClosed - 8 * DAY_MS - latenessMs - marginMs;
  }

  private void prune() {
    if (lastClosed == Long.MIN_VALUE) {
      return;
    }
    tenantsByHour.headMap(retainedHoursFrom()).clear();
    long countsFrom = retainedCountsFrom();
    counts.headMap(countsFrom).clear();
    emitted.headMap(countsFrom).clear();
    countedIn.values().forEach(ranges -> ranges.values().removeIf(last -> last < countsFrom));
    countedIn.values().removeIf(TreeMap::isEmpty);
  }

  /** The rows last emitted for an hour and the version they carry. */
  public record EmittedHour(ActiveHourRow row, List<ActiveHourByPlanRow> planRows, long version) {}

  /**
   * Everything needed to continue after a restore, as Flink-serialisable values.
   *
   * @param countedIn each tenant's counted ranges as first, last pairs; null in a snapshot from
   *     before forgetting existed
   */
  public record Snapshot(
      long minHour,
      long maxHour,
      long lastClosed,
      Map<Long, List<String>> tenantsByHour,
      Map<String, List<LifecycleEntry>> timelines,
      Map<Long, List<Long>> counts,
      Map<Long, EmittedHour> emitted,
      Map<String, List<Long>> countedIn) {}

  public Snapshot snapshot() {
    Map<Long, List<String>> hours = new LinkedHashMap<>();
    tenantsByHour.forEach((h, t) -> hours.put(h, List.copyOf(t)));
    Map<String, List<LifecycleEntry>> lines = new HashMap<>();
    timelines.forEach((t, l) -> lines.put(t, l.entries()));
    Map<Long, List<Long>> c = new LinkedHashMap<>();
    counts.forEach((h, v) -> c.put(h, Arrays.stream(v).boxed().toList()));
    Map<String, List<Long>> ranges = new HashMap<>();
    countedIn.forEach((t, r) -> ranges.put(t, flatten(r)));
    return new Snapshot(
        minHour, maxHour, lastClosed, hours, lines, c, new LinkedHashMap<>(emitted), ranges);
  }

  private static List<Long> flatten(TreeMap<Long, Long> ranges) {
    List<Long> pairs = new ArrayList<>(2 * ranges.size());
    ranges.forEach(
        (first, last) -> {
          pairs.add(first);
          pairs.add(last);
        });
    return pairs;
  }

  private static TreeMap<Long, Long> unflatten(List<Long> pairs) {
    TreeMap<Long, Long> ranges = new TreeMap<>();
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      ranges.put(pairs.get(i), pairs.get(i + 1));
    }
    return ranges;
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
    countedIn.clear();
    if (s.countedIn() != null) {
      s.countedIn().forEach((t, pairs) -> countedIn.put(t, unflatten(pairs)));
    } else {
      rangesFromKeptHours();
    }
    window = lastClosed == Long.MIN_VALUE ? new HashMap<>() : windowOf(lastClosed);
    windowCounts = lastClosed == Long.MIN_VALUE ? null : count(window.keySet(), lastClosed);
    planChanges.clear();
    timelines.forEach(
        (tenant, timeline) ->
            timeline.entries().stream()
                .filter(e -> e.setsPlan() && e.timestamp() >= lastClosed)
                .forEach(
                    e ->
                        planChanges
                            .computeIfAbsent(e.timestamp(), t -> new HashSet<>())
                            .add(tenant)));
  }

  /**
   * For a snapshot from before counted ranges were kept: the ranges the kept day of tenant-hours
   * implies, the best that is known (older hours a later forget cannot reach).
   */
  private void rangesFromKeptHours() {
    tenantsByHour.forEach(
        (hour, tenants) -> {
          for (String tenant : tenants) {
            TreeMap<Long, Long> ranges = countedIn.computeIfAbsent(tenant, t -> new TreeMap<>());
            addRange(ranges, hour + HOUR_MS, hour + DAY_MS);
          }
        });
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
