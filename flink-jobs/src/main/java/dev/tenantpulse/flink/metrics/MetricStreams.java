package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.flink.rejected.RejectedRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The row streams of every metric table, one per table, and the events the pipelines refused.
 *
 * @param rejected the dead letters of the metric operators (events they could not count)
 */
public record MetricStreams(List<RowStream<?>> all, DataStream<RejectedRecord> rejected) {

  public MetricStreams {
    all = List.copyOf(all);
    Objects.requireNonNull(rejected, "rejected");
  }

  /** The stream of {@code table}, if the pipelines produce it. */
  public Optional<RowStream<?>> table(String table) {
    return all.stream().filter(s -> s.name().equals(table)).findFirst();
  }
}
