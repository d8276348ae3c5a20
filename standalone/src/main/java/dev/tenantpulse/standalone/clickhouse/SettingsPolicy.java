package dev.tenantpulse.standalone.clickhouse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which settings a client may send with a query, as a ClickHouse profile with {@code readonly=2}
 * and constraints would decide: settings that shape the output, or only narrow what the query may
 * use, are changeable (the Grafana plugin sets {@code max_execution_time} on every query); a limit
 * may be lowered but not raised above this interface's own; anything else is refused with the code
 * ClickHouse gives, and a name the engine does not know is UNKNOWN_SETTING.
 */
final class SettingsPolicy {

  /** Changeable with any value the engine accepts. */
  private static final Set<String> FREE =
      Set.of(
          "max_result_rows",
          "max_result_bytes",
          "result_overflow_mode",
          "timeout_overflow_mode",
          "max_rows_to_read",
          "max_bytes_to_read",
          "read_overflow_mode",
          "max_rows_to_group_by",
          "group_by_overflow_mode",
          "max_rows_to_sort",
          "sort_overflow_mode",
          "max_block_size",
          "preferred_block_size_bytes",
          "extremes",
          "totals_mode",
          "join_use_nulls",
          "session_timezone",
          "date_time_output_format",
          "interval_output_format",
          "bool_true_representation",
          "bool_false_representation",
          "do_not_merge_across_partitions_select_final",
          "final",
          "limit",
          "offset",
          "log_comment",
          "select_sequential_consistency",
          "use_query_cache",
          "enable_analyzer",
          "allow_experimental_analyzer",
          "prefer_column_name_to_alias",
          "count_distinct_implementation",
          "cast_keep_nullable",
          "aggregate_functions_null_for_empty",
          "any_join_distinct_right_table_keys",
          "joined_subquery_requires_alias",
          "transform_null_in",
          "optimize_aggregation_in_order",
          "max_threads",
          "priority");

  /** Output and format-shaping settings, changeable by prefix. */
  private static final List<String> FREE_PREFIXES =
      List.of("output_format_", "format_csv_", "format_tsv_", "format_custom_", "format_regexp_");

  private final Map<String, Long> ceilings;
  private final Set<String> known;

  /**
   * @param ceilings settings a client may lower but not raise (e.g. {@code max_execution_time} and
   *     {@code max_memory_usage} at this interface's own limits)
   * @param known every setting name the engine has (system.settings)
   */
  SettingsPolicy(Map<String, Long> ceilings, Set<String> known) {
    this.ceilings = Map.copyOf(ceilings);
    this.known = Set.copyOf(known);
  }

  /** The settings to open the query's session with, or the refusal ClickHouse would give. */
  Map<String, String> admit(Map<String, String> requested) throws ClickHouseError {
    Map<String, String> admitted = new LinkedHashMap<>();
    for (Map.Entry<String, String> setting : requested.entrySet()) {
      String name = setting.getKey();
      String value = setting.getValue();
      if (!known.contains(name)) {
        throw ClickHouseError.of(
            ClickHouseError.UNKNOWN_SETTING,
            "Setting "
                + Printable.of(name)
                + " is neither a builtin setting nor started with the prefix 'custom_' registered"
                + " for user-defined settings");
      }
      Long ceiling = ceilings.get(name);
      if (ceiling != null) {
        long number = number(name, value);
        if (number > ceiling || (number == 0 && ceiling > 0)) {
          throw ClickHouseError.of(
              ClickHouseError.SETTING_CONSTRAINT_VIOLATION,
              "Setting " + name + " shouldn't be greater than " + ceiling);
        }
      } else if (!FREE.contains(name) && FREE_PREFIXES.stream().noneMatch(name::startsWith)) {
        throw ClickHouseError.of(
            ClickHouseError.READONLY,
            "Cannot modify '"
                + name
                + "' setting in readonly mode: this interface is read-only, and a client may set"
                + " only the settings that shape output or narrow a query's limits");
      }
      admitted.put(name, value);
    }
    return admitted;
  }

  private static long number(String name, String value) throws ClickHouseError {
    // ClickHouse accepts "30", "30.5" (seconds) and "1e3"; a number is enough to hold it to a
    // ceiling.
    try {
      return (long) Math.ceil(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      throw ClickHouseError.of(
          ClickHouseError.BAD_ARGUMENTS,
          "Setting " + name + " takes a number; got " + Printable.of(value));
    }
  }
}
