package dev.tenantpulse.flink.metrics;

import java.util.List;
import java.util.Optional;

/** The row streams of every metric table, one per table. */
public record MetricStreams(List<RowStream<?>> all) {

  public MetricStreams {
    all = List.copyOf(all);
  }

  /** The stream of {@code table}, if the pipelines produce it. */
  public Optional<RowStream<?>> table(String table) {
    return all.stream().filter(s -> s.name().equals(table)).findFirst();
  }
}
