package dev.tenantpulse.flink.sink;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows and inserts them as one JDBC batch ({@code addBatch}/{@code executeBatch}, which
 * both the chDB and the official driver send as one INSERT) when the batch size is reached, when
 * the oldest buffered row has waited the flush interval, on a checkpoint and at the end of input.
 *
 * <p>A failed insert is retried on a fresh connection with doubling waits; after the last retry the
 * task fails and Flink restarts it from the last checkpoint (the rows are still in Kafka). Runs on
 * the task's thread only: timers fire in its mailbox, so no locking.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);
  private static final long MAX_BACKOFF_MS = 30_000;

  private final ClickHouseOptions options;
  private final TableWriter<T> writer;
  private final ProcessingTimeService time;
  private final Sleeper sleeper;
  private final String insert;
  private final String target;
  private final Counter rowsWritten;
  private final Counter retries;
  private final Counter batches;

  private final List<T> buffer = new ArrayList<>();
  private boolean timerPending;
  private Connection connection;
  private PreparedStatement statement;

  ClickHouseSinkWriter(
      ClickHouseOptions options,
      TableWriter<T> writer,
      ProcessingTimeService time,
      MetricGroup metrics,
      Sleeper sleeper) {
    this.options = options;
    this.writer = writer;
    this.time = time;
    this.sleeper = sleeper;
    this.target = options.qualified(writer.table());
    this.insert = insertStatement(target, writer.columns());
    this.rowsWritten =
        metrics instanceof SinkWriterMetricGroup sinkMetrics
            ? sinkMetrics.getNumRecordsSendCounter()
            : metrics.counter("rowsWritten");
    this.retries = metrics.counter("insertRetries");
    this.batches = metrics.counter("insertBatches");
  }

  static String insertStatement(String table, List<String> columns) {
    StringJoiner names = new StringJoiner(", ", "(", ")");
    StringJoiner marks = new StringJoiner(", ", "(", ")");
    for (String column : columns) {
      names.add(column);
      marks.add("?");
    }
    return "INSERT INTO " + table + " " + names + " VALUES " + marks;
  }

  @Override
  public void write(T row, Context context) throws IOException, InterruptedException {
    buffer.add(row);
    if (buffer.size() >= options.batchSize()) {
      flushBuffer();
    } else if (!timerPending) {
      timerPending = true;
      time.registerTimer(
          time.getCurrentProcessingTime() + options.flushInterval().toMillis(),
          firedAt -> {
            timerPending = false;
            flushBuffer();
          });
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    flushBuffer();
  }

  /** Rows buffered and not yet inserted. */
  int buffered() {
    return buffer.size();
  }

  private void flushBuffer() throws IOException, InterruptedException {
    if (buffer.isEmpty()) {
      return;
    }
    for (int attempt = 0; ; attempt++) {
      try {
        insertBuffer();
        rowsWritten.inc(buffer.size());
        batches.inc();
        buffer.clear();
        return;
      } catch (SQLException e) {
        closeConnection();
        if (attempt >= options.maxRetries()) {
          throw new IOException(
              "inserting "
                  + buffer.size()
                  + " rows into "
                  + target
                  + " failed "
                  + (attempt + 1)
                  + " times; the last error: "
                  + e.getMessage(),
              e);
        }
        long wait =
            Math.min(MAX_BACKOFF_MS, options.retryBackoff().toMillis() << Math.min(attempt, 16));
        retries.inc();
        LOG.warn(
            "inserting {} rows into {} failed (attempt {} of {}), retrying in {} ms: {}",
            buffer.size(),
            target,
            attempt + 1,
            options.maxRetries() + 1,
            wait,
            e.getMessage());
        sleeper.sleep(wait);
      }
    }
  }

  private void insertBuffer() throws SQLException {
    if (statement == null) {
      connection = JdbcConnections.open(options.url(), options.user(), options.password());
      statement = connection.prepareStatement(insert);
    }
    for (T row : buffer) {
      writer.bind(statement, row);
      statement.addBatch();
    }
    statement.executeBatch();
  }

  private void closeConnection() {
    try {
      if (statement != null) {
        statement.close();
      }
    } catch (SQLException e) {
      LOG.debug("closing a failed statement of {}", target, e);
    }
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      LOG.debug("closing a failed connection to {}", target, e);
    }
    statement = null;
    connection = null;
  }

  @Override
  public void close() {
    // Unflushed rows were never covered by a checkpoint: a restore replays them from Kafka.
    closeConnection();
  }
}
