package dev.tenantpulse.alerting.evaluation;

import dev.tenantpulse.alerting.evaluation.ActiveTenantsEvaluator.HourRow;
import dev.tenantpulse.alerting.rules.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline an hour of active tenants is judged against, and the judgement itself, shared by the
 * live evaluation and the backtest so both say the same about the same hour.
 *
 * <ul>
 *   <li>{@code weekly_average}: the row's own {@code weekly_avg} and {@code drop_ratio}, the mean
 *       of active_24h at the same hour on the seven days before (the design's definition).
 *   <li>{@code same_weekday}: active_24h at H − k·7d for k = 1..{@code weeks}, leaving out hours
 *       without a row and hours that were firing for the same instance (rule and labels), as the
 *       {@code aggregate} ({@code median}: the middle value, the mean of the two middle values for
 *       an even count; or {@code mean}). No value left: no baseline, the hour is not judged.
 *   <li>{@code same_weekday_adjusted}: today's {@code weekly_avg} × the {@code aggregate} of
 *       active_24h / weekly_avg at the same earlier hours (also leaving out hours without a
 *       positive weekly_avg); no weekly_avg today: no baseline. The ratio keeps the weekday's
 *       shape, today's weekly average follows growth: raw earlier values lag a product growing 15 %
 *       a week by about 20 % over four weeks, as much as the threshold. That lag also hides noise,
 *       though: on small plans the adjusted baseline pages far more often (see the README's choice
 *       of baseline).
 * </ul>
 *
 * Both fire when drop = 1 − active_24h / baseline ≥ {@code drop_ratio} and baseline ≥ {@code
 * min_baseline}.
 */
public final class DropBaseline {

  static final Duration WEEK = Duration.ofDays(7);

  private DropBaseline() {}

  /** How an hour was judged: the baseline used (null: none) and the drop against it. */
  public record Verdict(boolean met, Double baseline, Double drop) {}

  /** Whether the rule reads earlier weeks ({@code same_weekday} or its level-adjusted variant). */
  public static boolean sameWeekday(Rule rule) {
    return rule.choice("baseline").startsWith("same_weekday");
  }

  /** Whether the earlier weeks count as shares of their weekly average scaled to today's. */
  public static boolean levelAdjusted(Rule rule) {
    return "same_weekday_adjusted".equals(rule.choice("baseline"));
  }

  /** The earlier hours {@code same_weekday} reads for hour {@code h}, newest first. */
  public static List<Instant> earlierWeeks(Instant h, int weeks) {
    List<Instant> hours = new ArrayList<>(weeks);
    for (int k = 1; k <= weeks; k++) {
      hours.add(h.minus(WEEK.multipliedBy(k)));
    }
    return hours;
  }

  /**
   * The {@code same_weekday} baseline of {@code hour}: {@code rows} maps window ends to the rows of
   * the same instance (overall or one plan), {@code firing} holds the hours that were firing for
   * it.
   */
  public static Double sameWeekdayBaseline(
      Rule rule, HourRow hour, Map<Instant, HourRow> rows, Set<Instant> firing) {
    boolean adjusted = levelAdjusted(rule);
    if (adjusted && hour.weeklyAvg() == null) {
      return null;
    }
    List<Double> values = new ArrayList<>();
    for (Instant earlier : earlierWeeks(hour.windowEnd(), rule.integer("weeks"))) {
      HourRow row = rows.get(earlier);
      if (row == null || firing.contains(earlier)) {
        continue;
      }
      if (!adjusted) {
        values.add((double) row.active24h());
      } else if (row.weeklyAvg() != null && row.weeklyAvg() > 0) {
        values.add(row.active24h() / row.weeklyAvg());
      }
    }
    Double value = aggregate(values, rule.choice("aggregate"));
    if (value == null || !adjusted) {
      return value;
    }
    return hour.weeklyAvg() * value;
  }

  /**
   * Median (middle, or mean of the two middle values) or mean (the plain sum over the count, as the
   * analysts' SQL's arrayAvg); null for no values.
   */
  static Double aggregate(List<Double> values, String aggregate) {
    if (values.isEmpty()) {
      return null;
    }
    if ("mean".equals(aggregate)) {
      double sum = 0;
      for (double v : values) {
        sum += v;
      }
      return sum / values.size();
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /**
   * The same definition as SQL for analysts ({@code same-weekday-baseline.sql} beside this class,
   * printed in the README), reading {@code database}: every hour of a range with its median and
   * mean baseline. The evaluator reads the earlier weeks' rows and aggregates here instead, because
   * the hours to leave out come from the alert history, which lives in another database.
   */
  public static String analystSql(String database) {
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a ClickHouse database name: '" + database + "'");
    }
    try (InputStream in = DropBaseline.class.getResourceAsStream("same-weekday-baseline.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("tenant_pulse.", database + ".");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Judges one hour against {@code baseline} (null: no baseline yet, never met). */
  public static Verdict judge(Rule rule, long active24h, Double baseline) {
    if (baseline == null || baseline == 0) {
      return new Verdict(false, baseline, null);
    }
    // (b - a) / b rather than 1 - a / b: exact at the threshold (80 of 100 is 0.2, not 0.19999…).
    double drop = (baseline - active24h) / baseline;
    boolean met = drop >= rule.number("drop_ratio") && baseline >= rule.number("min_baseline");
    return new Verdict(met, baseline, drop);
  }

  /** Judges one hour with the table's own weekly average and drop ratio. */
  public static Verdict judgeWeeklyAverage(Rule rule, Double weeklyAvg, Double dropRatio) {
    if (weeklyAvg == null || dropRatio == null) {
      return new Verdict(false, weeklyAvg, null);
    }
    boolean met =
        dropRatio >= rule.number("drop_ratio") && weeklyAvg >= rule.number("min_baseline");
    return new Verdict(met, weeklyAvg, dropRatio);
  }
}
