package dev.tenantpulse.alerting.backtest;

import dev.tenantpulse.alerting.evaluation.ActiveTenantsEvaluator;
import dev.tenantpulse.alerting.evaluation.ActiveTenantsEvaluator.HourRow;
import dev.tenantpulse.alerting.evaluation.DropBaseline;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RuleKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Replays {@code active_tenants_drop} hour by hour over the stored metric history and says when it
 * would have fired, notifying nobody.
 *
 * <p>Assumptions, stated because a replay cannot know them: each hour H is judged once, as the
 * newest closed hour from H to H + 1h (the pipeline is current); the condition then holds for that
 * whole hour, so a run of met hours starting at H1 fires at H1 + {@code for} when that is before
 * the run ends, and resolves at the first hour not met (or missing). Repeats go out every {@code
 * repeat_interval} after the firing while it lasts. Silences are ignored (the backtest shows what
 * the rule says, not who was listening). The {@code same_weekday} baseline leaves out the hours the
 * replay itself found firing; the replay starts {@code weeks} weeks (weekly_average: one day)
 * before {@code from} so that these hours, and an episode already under way at {@code from}, are
 * known.
 */
@Service
public class Backtest {

  /** The longest range one backtest may cover. */
  public static final Duration MAX_RANGE = Duration.ofDays(180);

  private static final Duration HOUR = Duration.ofHours(1);

  private final ActiveTenantsEvaluator tables;

  public Backtest(ActiveTenantsEvaluator tables) {
    this.tables = tables;
  }

  /**
   * One episode the rule would have fired.
   *
   * @param labels empty for the overall instance, {@code plan} per plan
   * @param start when it would have fired (the first met hour + {@code for})
   * @param end when it would have resolved; null while still firing at {@code to}
   * @param peakValue the largest drop of the episode's hours
   * @param peakHour the window end of that hour
   * @param notifications notifications of this episode sent inside [from, to)
   */
  public record Episode(
      Map<String, String> labels,
      Instant start,
      Instant end,
      double peakValue,
      Instant peakHour,
      int notifications) {}

  /** What the backtest found. */
  public record Result(
      String rule,
      String baseline,
      Instant from,
      Instant to,
      int hoursJudged,
      List<Episode> episodes,
      int notifications) {}

  /**
   * Replays {@code rule} over [from, to); both whole hours, from < to, at most {@link #MAX_RANGE}.
   */
  public Result run(Rule rule, Instant from, Instant to) {
    if (rule.kind() != RuleKind.ACTIVE_TENANTS_DROP) {
      throw new IllegalArgumentException("only active_tenants_drop rules can be backtested");
    }
    boolean seasonal = DropBaseline.sameWeekday(rule);
    Instant warmStart =
        from.minus(seasonal ? Duration.ofDays(7L * rule.integer("weeks")) : Duration.ofDays(1));
    Map<String, Map<Instant, HourRow>> instances = new LinkedHashMap<>();
    if (rule.flag("overall")) {
      instances.put("", byHour(tables.history(false, warmStart, to)));
    }
    if (rule.flag("per_plan")) {
      Map<String, Map<Instant, HourRow>> plans = new TreeMap<>();
      for (HourRow row : tables.history(true, warmStart, to)) {
        plans.computeIfAbsent(row.plan(), p -> new TreeMap<>()).put(row.windowEnd(), row);
      }
      instances.putAll(plans);
    }
    List<Episode> episodes = new ArrayList<>();
    int judged = 0;
    for (Map.Entry<String, Map<Instant, HourRow>> instance : instances.entrySet()) {
      Map<String, String> labels =
          instance.getKey().isEmpty() ? Map.of() : Map.of("plan", instance.getKey());
      Replay replay = new Replay(rule, labels, instance.getValue(), from, to);
      replay.run(warmStart);
      episodes.addAll(replay.episodes);
      judged += replay.judged;
    }
    episodes.sort(Comparator.comparing(Episode::start).thenComparing(e -> e.labels().toString()));
    int notifications = episodes.stream().mapToInt(Episode::notifications).sum();
    return new Result(
        rule.name(), rule.choice("baseline"), from, to, judged, episodes, notifications);
  }

  private static Map<Instant, HourRow> byHour(List<HourRow> rows) {
    Map<Instant, HourRow> out = new TreeMap<>();
    rows.forEach(r -> out.put(r.windowEnd(), r));
    return out;
  }

  /** The replay of one instance. */
  private static final class Replay {
    private final Rule rule;
    private final Map<String, String> labels;
    private final Map<Instant, HourRow> rows;
    private final Set<Instant> firing = new HashSet<>();
    private final Instant from;
    private final Instant to;
    private final List<Episode> episodes = new ArrayList<>();
    private int judged;

    // The run of met hours under way, if any.
    private Instant runStart;
    private double peak;
    private Instant peakHour;

    Replay(
        Rule rule,
        Map<String, String> labels,
        Map<Instant, HourRow> rows,
        Instant from,
        Instant to) {
      this.rule = rule;
      this.labels = labels;
      this.rows = rows;
      this.from = from;
      this.to = to;
    }

    void run(Instant warmStart) {
      for (Instant h = warmStart; h.isBefore(to); h = h.plus(HOUR)) {
        HourRow row = rows.get(h);
        DropBaseline.Verdict v = row == null ? null : verdict(row);
        if (row != null && !h.isBefore(from)) {
          judged++;
        }
        if (v != null && v.met()) {
          if (runStart == null) {
            runStart = h;
            peak = v.drop();
            peakHour = h;
          } else if (v.drop() > peak) {
            peak = v.drop();
            peakHour = h;
          }
          if (fireAt().isBefore(h.plus(HOUR))) {
            firing.add(h);
          }
        } else if (runStart != null) {
          close(h);
        }
      }
      if (runStart != null) {
        close(null);
      }
    }

    private DropBaseline.Verdict verdict(HourRow row) {
      if (DropBaseline.sameWeekday(rule)) {
        return DropBaseline.judge(
            rule, row.active24h(), DropBaseline.sameWeekdayBaseline(rule, row, rows, firing));
      }
      return DropBaseline.judgeWeeklyAverage(rule, row.weeklyAvg(), row.dropRatio());
    }

    private Instant fireAt() {
      return runStart.plus(rule.forDuration());
    }

    /** Ends the run at {@code end} (null: still met at {@code to}). */
    private void close(Instant end) {
      Instant start = fireAt();
      Instant runEnd = end == null ? to : end;
      boolean fired = start.isBefore(runEnd);
      boolean overlaps = start.isBefore(to) && (end == null || end.isAfter(from));
      if (fired && overlaps) {
        episodes.add(new Episode(labels, start, end, peak, peakHour, notifications(start, end)));
      }
      runStart = null;
    }

    /**
     * Firing, repeats every repeat_interval while firing, resolved: those inside [from, to).
     * Counted, not enumerated: a 1 s repeat over half a year must not loop millions of times.
     */
    private int notifications(Instant start, Instant end) {
      Instant stop = end == null ? to : end;
      long repeat = rule.repeatInterval().toMillis();
      // Notification k (k = 0 the firing) goes out at start + k·repeat while before stop.
      long first = Math.max(0, ceilDiv(from.toEpochMilli() - start.toEpochMilli(), repeat));
      long last =
          ceilDiv(Math.min(stop.toEpochMilli(), to.toEpochMilli()) - start.toEpochMilli(), repeat);
      long n = Math.max(0, last - first);
      if (end != null && !end.isBefore(from) && end.isBefore(to)) {
        n++;
      }
      return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private static long ceilDiv(long a, long b) {
      return Math.ceilDiv(a, b);
    }
  }
}
