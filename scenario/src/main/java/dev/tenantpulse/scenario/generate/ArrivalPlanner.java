package dev.tenantpulse.scenario.generate;

import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns events in time order into arrivals: each in-time event is delayed by less than the disorder
 * bound, some are re-sent minutes later (still within the bound), and a few are held back until the
 * newest event time sent before them is at least 12 h ahead of theirs.
 */
final class ArrivalPlanner {

  private static final long SECOND = 1_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  /** How far behind the newest event time a late event is at least, when it arrives. */
  static final long LATE_GAP = 12 * HOUR;

  private final ScenarioConfig config;
  private final SplittableRandom random;
  private final long maxDisorder;

  ArrivalPlanner(ScenarioConfig config) {
    this.config = config;
    this.random = Seeds.stream(config.seed(), Seeds.ARRIVALS);
    this.maxDisorder = config.maxDisorder().toMillis();
  }

  /** One arrival before its receive time is final; {@code order} breaks ties of {@code key}. */
  private record Pending(long key, long order, TenantEvent event, boolean duplicate) {}

  List<ScenarioEvent> arrange(List<TenantEvent> byTime) {
    boolean[] late = chooseLate(byTime);
    List<Pending> inTime = new ArrayList<>(byTime.size() + byTime.size() / 20);
    List<Pending> held = new ArrayList<>();
    long order = 0;
    for (int i = 0; i < byTime.size(); i++) {
      TenantEvent event = byTime.get(i);
      long ts = event.timestamp().toEpochMilli();
      if (late[i]) {
        held.add(new Pending(ts + random.nextLong(14 * HOUR, 30 * HOUR), order++, event, false));
        continue;
      }
      long delay = disorderDelay();
      inTime.add(new Pending(ts + delay, order++, event, false));
      long room = Math.min(5 * MINUTE, maxDisorder - delay);
      if (random.nextDouble() < config.duplicateRate() && room >= SECOND) {
        inTime.add(
            new Pending(ts + delay + random.nextLong(SECOND, room + 1), order++, event, true));
      }
    }
    Comparator<Pending> byKey = Comparator.comparingLong(Pending::key);
    inTime.sort(byKey.thenComparingLong(Pending::order));
    return merge(inTime, held);
  }

  /** Mostly seconds, sometimes minutes, up to the bound. */
  private long disorderDelay() {
    double kind = random.nextDouble();
    long delay;
    if (kind < 0.7) {
      delay = random.nextLong(5 * SECOND);
    } else if (kind < 0.95) {
      delay = random.nextLong(5 * SECOND, 3 * MINUTE);
    } else {
      delay = random.nextLong(3 * MINUTE, 20 * MINUTE);
    }
    return Math.min(delay, maxDisorder);
  }

  /** Activity-type events well inside the scenario, so their delayed arrival is inside it too. */
  private boolean[] chooseLate(List<TenantEvent> byTime) {
    boolean[] late = new boolean[byTime.size()];
    long from = config.start().toEpochMilli() + 2 * 24 * HOUR;
    long to = config.end().toEpochMilli() - 36 * HOUR;
    int wanted = config.lateEvents();
    for (int attempt = 0; wanted > 0 && attempt < 100_000 && !byTime.isEmpty(); attempt++) {
      int i = random.nextInt(byTime.size());
      TenantEvent event = byTime.get(i);
      long ts = event.timestamp().toEpochMilli();
      if (!late[i]
          && event.type() != EventType.TENANT_SIGNED_UP
          && event.type().isActivity()
          && ts >= from
          && ts < to) {
        late[i] = true;
        wanted--;
      }
    }
    return late;
  }

  /**
   * Places each held event after the first in-time arrival at or after its planned time at which
   * the newest event time sent so far is at least {@link #LATE_GAP} ahead of it; events that never
   * get that far behind are dropped rather than sent as something they are not.
   */
  private List<ScenarioEvent> merge(List<Pending> inTime, List<Pending> held) {
    int n = inTime.size();
    long[] keys = new long[n];
    long[] newest = new long[n + 1]; // newest[p]: newest event time among inTime[0, p)
    newest[0] = Long.MIN_VALUE;
    for (int p = 0; p < n; p++) {
      keys[p] = inTime.get(p).key();
      newest[p + 1] = Math.max(newest[p], inTime.get(p).event().timestamp().toEpochMilli());
    }
    int[] positions = new int[held.size()];
    held.sort(Comparator.comparingLong(Pending::order));
    for (int h = 0; h < held.size(); h++) {
      long ts = held.get(h).event().timestamp().toEpochMilli();
      int p = lowerBound(keys, held.get(h).key());
      while (p <= n && (p == 0 || newest[p] - ts < LATE_GAP)) {
        p++;
      }
      positions[h] = p; // n + 1: never far enough behind
    }
    Integer[] heldOrder = new Integer[held.size()];
    for (int h = 0; h < heldOrder.length; h++) {
      heldOrder[h] = h;
    }
    Arrays.sort(heldOrder, Comparator.comparingInt((Integer h) -> positions[h]));
    List<ScenarioEvent> arrivals = new ArrayList<>(n + held.size());
    int next = 0;
    for (int p = 0; p < n; p++) {
      while (next < heldOrder.length && positions[heldOrder[next]] == p) {
        Pending late = held.get(heldOrder[next++]);
        arrivals.add(
            new ScenarioEvent(late.event(), Instant.ofEpochMilli(keys[p - 1]), false, true));
      }
      Pending in = inTime.get(p);
      arrivals.add(
          new ScenarioEvent(in.event(), Instant.ofEpochMilli(in.key()), in.duplicate(), false));
    }
    while (next < heldOrder.length && positions[heldOrder[next]] == n) {
      Pending late = held.get(heldOrder[next++]);
      arrivals.add(new ScenarioEvent(late.event(), Instant.ofEpochMilli(keys[n - 1]), false, true));
    }
    return arrivals;
  }

  private static int lowerBound(long[] keys, long key) {
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keys[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
