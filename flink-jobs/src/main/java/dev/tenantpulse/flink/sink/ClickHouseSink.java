package dev.tenantpulse.flink.sink;

import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes rows of one table to ClickHouse through plain JDBC, in batches.
 *
 * <p>At-least-once, and that is enough: the writer flushes its buffer on every checkpoint (before
 * the barrier passes), so a restore replays only rows that may already be in the table, and every
 * table is a ReplacingMergeTree whose rows carry their key and version. A replayed row replaces its
 * earlier copy, so the contents read with {@code FINAL} are those of a run without failure — what a
 * two-phase commit would buy, without holding rows back until the checkpoint completes.
 *
 * @param <T> the row type
 */
public final class ClickHouseSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  private final ClickHouseOptions options;
  private final TableWriter<T> writer;
  private final Sleeper sleeper;

  public ClickHouseSink(ClickHouseOptions options, TableWriter<T> writer) {
    this(options, writer, Sleeper.THREAD);
  }

  ClickHouseSink(ClickHouseOptions options, TableWriter<T> writer, Sleeper sleeper) {
    this.options = Objects.requireNonNull(options, "options");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new ClickHouseSinkWriter<>(
        options, writer, context.getProcessingTimeService(), context.metricGroup(), sleeper);
  }

  public TableWriter<T> tableWriter() {
    return writer;
  }
}
