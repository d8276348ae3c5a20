package dev.tenantpulse.dashboards.grafana;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Settings the dashboards rely on that no panel may carry itself. Grafana reads as a read-only
 * ClickHouse user ({@code readonly=1}), which may not change a setting in a query's {@code
 * SETTINGS} clause, so they live in that user's settings profile ({@code
 * deploy/clickhouse/users.d/analyst.xml}, checked by a test) and the embedded default applies them
 * to its read-only sessions.
 *
 * <p>{@code do_not_merge_across_partitions_select_final = 1}: ReplacingMergeTree only ever replaces
 * rows inside one partition, so merging across partitions at read time adds nothing to a {@code
 * FINAL} result, and skipping it lets a merged partition be read without merging at all: on a year
 * of events it took the late-events count for 7 days from 1.9 s to 0.03 s (the panels carried it
 * per query until a read-only user had to run them). Results are the same with or without it, for
 * the panels and for any analyst's {@code FINAL} query; newer servers decide this on their own only
 * when the partition key is made of sort key columns, which {@code events}' is not.
 */
public final class ReaderProfile {

  /** Setting name to value, as a profile holds them. */
  public static final Map<String, String> SETTINGS =
      Map.of("do_not_merge_across_partitions_select_final", "1");

  private ReaderProfile() {}

  /**
   * The query with the profile's settings in a trailing {@code SETTINGS} clause: what a server with
   * the profile runs, for engines that are not configured with it (the benchmark on chDB). Never
   * for what Grafana sends.
   */
  public static String appliedTo(String sql) {
    return sql
        + "\nSETTINGS "
        + SETTINGS.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + " = " + e.getValue())
            .collect(Collectors.joining(", "));
  }
}
