package dev.tenantpulse.dashboards.boards;

import java.util.List;
import java.util.stream.Stream;

/** What every Tenant Pulse dashboard shares: tags, the header links, refresh. */
final class BoardDefaults {

  /** Every board carries it; the header links list every board with it. */
  static final String TAG = "tenant-pulse";

  /** Metric rows change once an hour (days for adoption): a faster refresh only costs queries. */
  static final String REFRESH = "5m";

  /**
   * Ends every query that reads a partitioned table ({@code events}, {@code usage_daily}) with
   * {@code FINAL}. ReplacingMergeTree only ever replaces rows inside one partition, so merging
   * across partitions at read time adds nothing to the result, and skipping it lets a merged
   * partition be read without merging at all: on a year of events it took the late-events count for
   * 7 days from 1.9 s to 0.03 s. (Newer servers decide this on their own when the partition key is
   * made of sort key columns; {@code events}' is not.)
   */
  static final String PER_PARTITION_FINAL =
      "SETTINGS do_not_merge_across_partitions_select_final = 1";

  static List<String> tags(String... more) {
    return Stream.concat(Stream.of(TAG), Stream.of(more)).toList();
  }

  private BoardDefaults() {}
}
