package dev.tenantpulse.dashboards.macros;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Grafana knows when it runs a panel's query: the dashboard time range, the panel's interval
 * (time per data point), and the selected values of each template variable.
 *
 * @param variables selected values per variable name; a multi-value variable with All selected
 *     holds every value of its list (Grafana's behaviour without a custom "all" value)
 */
public record QueryContext(
    Instant from, Instant to, Duration interval, Map<String, List<String>> variables) {

  /** Grafana's default when a panel has no width to size from. */
  public static final int MAX_DATA_POINTS = 1000;

  /** Grafana rounds the raw interval up to one of these (a subset of its rounding table). */
  private static final List<Duration> NICE_INTERVALS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofDays(1),
          Duration.ofDays(7),
          Duration.ofDays(30));

  public QueryContext {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(interval, "interval");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("time range must be from < to: " + from + " " + to);
    }
    variables = Map.copyOf(variables);
  }

  /**
   * The range with the interval Grafana would pick for a panel {@link #MAX_DATA_POINTS} points
   * wide: range / points, rounded up to a "nice" interval.
   */
  public static QueryContext of(Instant from, Instant to, Map<String, List<String>> variables) {
    Duration raw = Duration.between(from, to).dividedBy(MAX_DATA_POINTS);
    Duration interval =
        NICE_INTERVALS.stream()
            .filter(nice -> nice.compareTo(raw) >= 0)
            .findFirst()
            .orElse(NICE_INTERVALS.get(NICE_INTERVALS.size() - 1));
    return new QueryContext(from, to, interval, variables);
  }

  public QueryContext withVariables(Map<String, List<String>> values) {
    return new QueryContext(from, to, interval, values);
  }
}
