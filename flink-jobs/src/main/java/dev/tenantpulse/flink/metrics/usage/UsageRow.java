package dev.tenantpulse.flink.metrics.usage;

import java.time.Instant;

/** What every usage row holds beside its period: whose meter, its sum, and the row's version. */
public interface UsageRow {

  String tenantId();

  String meter();

  double quantity();

  Instant computedAt();

  long version();
}
