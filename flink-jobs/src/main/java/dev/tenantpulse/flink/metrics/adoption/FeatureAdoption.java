package dev.tenantpulse.flink.metrics.adoption;

import static dev.tenantpulse.flink.metrics.UtcTime.DAY_MS;
import static dev.tenantpulse.flink.metrics.UtcTime.HOUR_MS;

import dev.tenantpulse.flink.metrics.CatalogView;
import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.RowVersions;
import dev.tenantpulse.flink.metrics.UtcTime;
import dev.tenantpulse.flink.tenant.LifecycleEntry;
import dev.tenantpulse.flink.tenant.TenantTimeline;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Daily feature adoption per plan over 30-day windows, from tenant-feature-day, tenant-hour and
 * lifecycle facts: the logic of {@link FeatureAdoptionFunction}, free of Flink.
 *
 * <p>Day D closes once event time passes D+1d. Its rows are counted from scratch (30 days of
 * per-day feature users and one plan lookup per tenant: cheap once a day). A fact behind the closed
 * frontier recounts the closed days it belongs to and emits the rows whose values changed with a
 * higher version. Forgetting an erased tenant recounts, the same way, every closed day still held.
 */
public final class FeatureAdoption {

  static final int WINDOW_DAYS = 30;

  private final CatalogView catalog;
  private final Set<String> catalogFeatures;
  private final long latenessMs;
  private final long marginMs;
  private final EmitRange range;

  private long minTime = Long.MAX_VALUE;
  private long maxHour = Long.MIN_VALUE;
  private long lastClosed = Long.MIN_VALUE;
  private final TreeMap<Long, Map<String, Set<String>>> usersByDay = new TreeMap<>();
  private final Map<String, TenantTimeline> timelines = new HashMap<>();
  private final TreeMap<Long, Map<String, FeatureAdoptionRow>> emitted = new TreeMap<>();
  // The users of the newest closed day's window: feature -> tenant -> days used in the window.
  private Map<String, Map<String, Integer>> window = new HashMap<>();

  public FeatureAdoption(CatalogView catalog, long latenessMs, long marginMs, EmitRange range) {
    this.catalog = catalog;
    this.catalogFeatures = Set.copyOf(catalog.features());
    this.latenessMs = latenessMs;
    this.marginMs = marginMs;
    this.range = range;
  }

  /** The first day with rows: the UTC day of the first counted event. */
  public long firstDay() {
    return minTime == Long.MAX_VALUE ? Long.MAX_VALUE : UtcTime.floorDay(minTime);
  }

  /** The last day of a bounded input: the last D with D+1d at or before the last emitted hour. */
  public long lastDay() {
    return maxHour == Long.MIN_VALUE
        ? Long.MIN_VALUE
        : UtcTime.floorDay(maxHour + HOUR_MS) - DAY_MS;
  }

  /** The next day (start) to close, {@link Long#MAX_VALUE} before any fact. */
  public long nextToClose() {
    if (minTime == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    return lastClosed == Long.MIN_VALUE ? firstDay() : lastClosed + DAY_MS;
  }

  public long lastClosed() {
    return lastClosed;
  }

  /** The tenant had an activity event in the hour starting at {@code hour}. */
  public void onActiveHour(long hour, long now, Consumer<FeatureAdoptionRow> out) {
    long oldFirst = firstDay();
    noteTime(hour);
    backfill(oldFirst, now, out);
  }

  /** The tenant used {@code feature} on the day starting at {@code day}. */
  public void onFeatureDay(
      String tenant, long day, String feature, long now, Consumer<FeatureAdoptionRow> out) {
    long dayStart = UtcTime.floorDay(day);
    boolean added =
        usersByDay
            .computeIfAbsent(dayStart, d -> new HashMap<>())
            .computeIfAbsent(feature, f -> new HashSet<>())
            .add(tenant);
    if (added
        && lastClosed != Long.MIN_VALUE
        && dayStart > lastClosed - WINDOW_DAYS * DAY_MS
        && dayStart <= lastClosed) {
      window.computeIfAbsent(feature, f -> new HashMap<>()).merge(tenant, 1, Integer::sum);
    }
    if (added && lastClosed != Long.MIN_VALUE && dayStart <= lastClosed) {
      recount(dayStart, Math.min(dayStart + (WINDOW_DAYS - 1) * DAY_MS, lastClosed), now, out);
    }
  }

  /** A signup, plan change or churn of the tenant. */
  public void onLifecycle(
      String tenant, LifecycleEntry entry, long now, Consumer<FeatureAdoptionRow> out) {
    long oldFirst = firstDay();
    noteTime(entry.timestamp());
    timelines.computeIfAbsent(tenant, t -> TenantTimeline.empty()).add(entry);
    if (lastClosed == Long.MIN_VALUE) {
      return;
    }
    backfill(oldFirst, now, out);
    // Plan and churn at D+1d change for the closed days D with D+1d after the entry.
    long from = UtcTime.floorDay(entry.timestamp());
    if (from <= lastClosed) {
      recount(from, lastClosed, now, out);
    }
  }

  /**
   * The tenant was erased: drops its feature days, its timeline (so it no longer counts in any
   * plan's tenants) and its share in the window, then recounts the closed days still held in {@code
   * emitted} and re-emits, with a higher version, the rows whose values change without it. Days not
   * yet closed close without it. A tenant never seen is a no-op.
   */
  public void forget(String tenant, long now, Consumer<FeatureAdoptionRow> out) {
    boolean hadTimeline = timelines.remove(tenant) != null;
    boolean hadFeatureDays = dropFeatureDays(tenant);
    if (!hadTimeline && !hadFeatureDays) {
      return;
    }
    dropFromWindow(tenant);
    if (lastClosed != Long.MIN_VALUE) {
      recount(firstDay(), lastClosed, now, out);
    }
  }

  /** Removes the tenant from every day's feature users; answers whether it was in any. */
  private boolean dropFeatureDays(String tenant) {
    boolean dropped = false;
    for (Map<String, Set<String>> byFeature : usersByDay.values()) {
      for (Set<String> tenants : byFeature.values()) {
        dropped |= tenants.remove(tenant);
      }
      byFeature.values().removeIf(Set::isEmpty);
    }
    usersByDay.values().removeIf(Map::isEmpty);
    return dropped;
  }

  /** Removes the tenant from the newest closed day's window, and the features only it used. */
  private void dropFromWindow(String tenant) {
    window.values().forEach(users -> users.remove(tenant));
    // A feature left without users must not get rows on the next close.
    window.values().removeIf(Map::isEmpty);
  }

  /**
   * Closes every day D with {@code D + 1d - 1ms <= watermark} and {@code D <= lastDayLimit}, in
   * order.
   */
  public void closeUpTo(
      long watermark, long lastDayLimit, long now, Consumer<FeatureAdoptionRow> out) {
    long next = nextToClose();
    while (next != Long.MAX_VALUE && next + DAY_MS - 1 <= watermark && next <= lastDayLimit) {
      slideWindowTo(next);
      lastClosed = next;
      emitChanged(next, window, now, out);
      next += DAY_MS;
    }
    prune();
  }

  /**
   * Moves the window to end with day {@code dayStart}: the day entering is added and the day
   * leaving removed, so a close costs one day of facts, not thirty.
   */
  private void slideWindowTo(long dayStart) {
    if (lastClosed == Long.MIN_VALUE || dayStart != lastClosed + DAY_MS) {
      window = windowOf(dayStart);
      return;
    }
    usersByDay
        .getOrDefault(dayStart, Map.of())
        .forEach(
            (f, tenants) -> {
              Map<String, Integer> users = window.computeIfAbsent(f, x -> new HashMap<>());
              tenants.forEach(t -> users.merge(t, 1, Integer::sum));
            });
    usersByDay
        .getOrDefault(dayStart - WINDOW_DAYS * DAY_MS, Map.of())
        .forEach(
            (f, tenants) -> {
              Map<String, Integer> users = window.get(f);
              if (users != null) {
                tenants.forEach(t -> users.computeIfPresent(t, (x, n) -> n == 1 ? null : n - 1));
                if (users.isEmpty()) {
                  window.remove(f);
                }
              }
            });
  }

  /** Feature -> tenant -> days used, over the window of day {@code dayStart}, from the day sets. */
  private Map<String, Map<String, Integer>> windowOf(long dayStart) {
    long end = dayStart + DAY_MS;
    Map<String, Map<String, Integer>> users = new HashMap<>();
    usersByDay
        .subMap(end - WINDOW_DAYS * DAY_MS, true, end, false)
        .values()
        .forEach(
            day ->
                day.forEach(
                    (f, tenants) -> {
                      Map<String, Integer> byTenant =
                          users.computeIfAbsent(f, x -> new HashMap<>());
                      tenants.forEach(t -> byTenant.merge(t, 1, Integer::sum));
                    }));
    return users;
  }

  private void noteTime(long time) {
    minTime = Math.min(minTime, time);
    maxHour = Math.max(maxHour, UtcTime.floorHour(time));
  }

  private void backfill(long oldFirst, long now, Consumer<FeatureAdoptionRow> out) {
    long first = firstDay();
    if (lastClosed != Long.MIN_VALUE && first < oldFirst) {
      recount(first, Math.min(oldFirst - DAY_MS, lastClosed), now, out);
    }
  }

  private void recount(long from, long to, long now, Consumer<FeatureAdoptionRow> out) {
    // Days further back than the lateness cannot change; their windows are pruned.
    long start = Math.max(from, UtcTime.floorDay(lastClosed - latenessMs - marginMs));
    for (long d = Math.max(start, firstDay()); d <= to; d += DAY_MS) {
      emitChanged(d, windowOf(d), now, out);
    }
  }

  private void emitChanged(
      long dayStart,
      Map<String, Map<String, Integer>> users,
      long now,
      Consumer<FeatureAdoptionRow> out) {
    Map<String, FeatureAdoptionRow> previous =
        emitted.computeIfAbsent(dayStart, d -> new HashMap<>());
    boolean emit = range.contains(dayStart);
    Set<String> emittedFeatures = new HashSet<>();
    previous.values().forEach(r -> emittedFeatures.add(r.feature()));
    for (FeatureAdoptionRow row : count(dayStart, users, emittedFeatures)) {
      String key = row.plan() + '\u0000' + row.feature();
      FeatureAdoptionRow old = previous.get(key);
      if (row.sameValues(old)) {
        continue;
      }
      long version = RowVersions.next(old == null ? RowVersions.NONE : old.version(), now);
      FeatureAdoptionRow versioned =
          new FeatureAdoptionRow(
              row.day(),
              row.plan(),
              row.feature(),
              row.inCatalog(),
              row.planTenants(),
              row.adoptingTenants(),
              row.adoptionRatio(),
              Instant.ofEpochMilli(version),
              version);
      previous.put(key, versioned);
      if (emit) {
        out.accept(versioned);
      }
    }
  }

  /**
   * The rows of day D from its window's users (feature -> tenant -> days), unversioned. A feature
   * the day already has rows of keeps them, with zero adopters once nobody left uses it (after a
   * forget): a replacing table cannot delete the rows written before.
   */
  List<FeatureAdoptionRow> count(
      long dayStart, Map<String, Map<String, Integer>> users, Set<String> emittedFeatures) {
    long end = dayStart + DAY_MS;
    List<String> features = new ArrayList<>(catalog.features());
    TreeSet<String> seen = new TreeSet<>(users.keySet());
    seen.addAll(emittedFeatures);
    seen.stream().filter(f -> !catalogFeatures.contains(f)).forEach(features::add);

    Map<String, String> planOf = new HashMap<>();
    Map<String, Long> planTenants = new LinkedHashMap<>();
    catalog.plans().forEach(p -> planTenants.put(p, 0L));
    timelines.forEach(
        (tenant, timeline) -> {
          String plan = timeline.livePlanAt(end);
          if (plan != null && planTenants.containsKey(plan)) {
            planOf.put(tenant, plan);
            planTenants.merge(plan, 1L, Long::sum);
          }
        });
    Map<String, Map<String, Long>> adoptingByPlan = new HashMap<>();
    users.forEach(
        (feature, tenants) -> {
          for (String tenant : tenants.keySet()) {
            String plan = planOf.get(tenant);
            if (plan != null) {
              adoptingByPlan
                  .computeIfAbsent(plan, p -> new HashMap<>())
                  .merge(feature, 1L, Long::sum);
            }
          }
        });
    LocalDate day = UtcTime.day(dayStart);
    List<FeatureAdoptionRow> rows = new ArrayList<>(planTenants.size() * features.size());
    for (String plan : catalog.plans()) {
      long tenants = planTenants.get(plan);
      Map<String, Long> adoptingOf = adoptingByPlan.getOrDefault(plan, Map.of());
      for (String feature : features) {
        long adopting = adoptingOf.getOrDefault(feature, 0L);
        rows.add(
            new FeatureAdoptionRow(
                day,
                plan,
                feature,
                catalogFeatures.contains(feature),
                tenants,
                adopting,
                tenants == 0 ? null : adopting / (double) tenants,
                null,
                RowVersions.NONE));
      }
    }
    return rows;
  }

  private void prune() {
    if (lastClosed == Long.MIN_VALUE) {
      return;
    }
    long keepRecountFrom = UtcTime.floorDay(lastClosed - latenessMs - marginMs);
    usersByDay.headMap(keepRecountFrom - WINDOW_DAYS * DAY_MS).clear();
    emitted.headMap(keepRecountFrom).clear();
    if (lastClosed % (7 * DAY_MS) == 0) {
      timelines.values().forEach(t -> t.compactBefore(keepRecountFrom));
    }
  }

  /** Everything needed to continue after a restore, as Flink-serialisable values. */
  public record Snapshot(
      long minTime,
      long maxHour,
      long lastClosed,
      Map<Long, Map<String, List<String>>> usersByDay,
      Map<String, List<LifecycleEntry>> timelines,
      Map<Long, List<FeatureAdoptionRow>> emitted) {}

  public Snapshot snapshot() {
    Map<Long, Map<String, List<String>>> users = new LinkedHashMap<>();
    usersByDay.forEach(
        (d, byFeature) -> {
          Map<String, List<String>> copy = new HashMap<>();
          byFeature.forEach((f, t) -> copy.put(f, List.copyOf(t)));
          users.put(d, copy);
        });
    Map<String, List<LifecycleEntry>> lines = new HashMap<>();
    timelines.forEach((t, l) -> lines.put(t, l.entries()));
    Map<Long, List<FeatureAdoptionRow>> rows = new LinkedHashMap<>();
    emitted.forEach((d, r) -> rows.put(d, List.copyOf(r.values())));
    return new Snapshot(minTime, maxHour, lastClosed, users, lines, rows);
  }

  public void restore(Snapshot s) {
    minTime = s.minTime();
    maxHour = s.maxHour();
    lastClosed = s.lastClosed();
    usersByDay.clear();
    s.usersByDay()
        .forEach(
            (d, byFeature) -> {
              Map<String, Set<String>> copy = new HashMap<>();
              byFeature.forEach((f, t) -> copy.put(f, new HashSet<>(t)));
              usersByDay.put(d, copy);
            });
    timelines.clear();
    s.timelines().forEach((t, l) -> timelines.put(t, TenantTimeline.of(l)));
    window = lastClosed == Long.MIN_VALUE ? new HashMap<>() : windowOf(lastClosed);
    emitted.clear();
    s.emitted()
        .forEach(
            (d, rows) -> {
              Map<String, FeatureAdoptionRow> byKey = new HashMap<>();
              rows.forEach(r -> byKey.put(r.plan() + '\u0000' + r.feature(), r));
              emitted.put(d, byKey);
            });
  }
}
