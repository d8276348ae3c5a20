package dev.tenantpulse.dashboards.boards;

import java.util.List;
import java.util.stream.Stream;

/** What every Tenant Pulse dashboard shares: tags, the header links, refresh. */
final class BoardDefaults {

  /** Every board carries it; the header links list every board with it. */
  static final String TAG = "tenant-pulse";

  /** Metric rows change once an hour (days for adoption): a faster refresh only costs queries. */
  static final String REFRESH = "5m";

  static List<String> tags(String... more) {
    return Stream.concat(Stream.of(TAG), Stream.of(more)).toList();
  }

  private BoardDefaults() {}
}
