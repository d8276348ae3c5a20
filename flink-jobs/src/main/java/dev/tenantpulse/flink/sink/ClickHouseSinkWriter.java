package dev.tenantpulse.flink.sink;

import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.rejected.RejectedRecordCounter;
import dev.tenantpulse.flink.rejected.RejectedRecordWriter;
import dev.tenantpulse.flink.rejected.RejectionLog;
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
 * <p>What a failed insert means is decided by {@link SplittingInsert}: a transient failure is
 * retried on a fresh connection with doubling waits, and after the last retry the task fails and
 * Flink restarts it from the last checkpoint (the rows are still in Kafka); a batch the table
 * refuses for a row's value is split until the rows that fail alone are found, the rest is written,
 * and those rows become dead letters of stage {@code sink:<table>} in {@code rejected_events} (in
 * the same flush, so a checkpoint covers them too); a batch spanning more partitions than one
 * INSERT may create is split by partition. Runs on the task's thread only: timers fire in its
 * mailbox, so no locking.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

  private final ClickHouseOptions options;
  private final TableWriter<T> writer;
  private final ProcessingTimeService time;
  private final String target;
  private final String insert;
  private final SplittingInsert<T> rows;
  private final SplittingInsert<RejectedRecord> deadLetters;
  private final boolean isDeadLetterTable;
  private final Counter refusedRows;
  private final RejectedRecordWriter deadLetterWriter = new RejectedRecordWriter();

  private final List<T> buffer = new ArrayList<>();
  private boolean timerPending;
  private long refusedSoFar;
  private Connection connection;
  private PreparedStatement statement;
  private PreparedStatement deadLetterStatement;

  ClickHouseSinkWriter(
      ClickHouseOptions options,
      TableWriter<T> writer,
      ProcessingTimeService time,
      MetricGroup metrics,
      Sleeper sleeper) {
    this.options = options;
    this.writer = writer;
    this.time = time;
    this.target = options.qualified(writer.table());
    this.insert = insertStatement(target, writer.columns());
    this.isDeadLetterTable = writer.table().equals(RejectedRecordWriter.TABLE);
    SplittingInsert.Counters counters =
        new SplittingInsert.Counters(
            metrics instanceof SinkWriterMetricGroup sinkMetrics
                ? sinkMetrics.getNumRecordsSendCounter()
                : metrics.counter("rowsWritten"),
            metrics.counter("insertBatches"),
            metrics.counter("insertRetries"),
            metrics.counter("insertSplits"));
    this.refusedRows =
        RejectedRecordCounter.counter(metrics, RejectedRecord.sinkStage(writer.table()));
    long backoff = options.retryBackoff().toMillis();
    this.rows =
        new SplittingInsert<>(
            target,
            batch -> insertRows(batch),
            this::closeConnection,
            writer::partition,
            options.maxRetries(),
            backoff,
            options.maxRefusedRows(),
            sleeper,
            counters);
    String deadLetterTarget = options.qualified(RejectedRecordWriter.TABLE);
    this.deadLetters =
        new SplittingInsert<>(
            deadLetterTarget,
            batch -> insertDeadLetters(deadLetterTarget, batch),
            this::closeConnection,
            null,
            options.maxRetries(),
            backoff,
            Integer.MAX_VALUE, // each is logged in full: nothing is lost silently
            sleeper,
            new SplittingInsert.Counters(
                metrics.counter("deadLettersWritten"),
                metrics.counter("deadLetterBatches"),
                counters.retries(),
                counters.splits()));
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
    List<RejectedRecord> refused = new ArrayList<>();
    rows.insert(
        buffer,
        (row, cause) ->
            refused.add(writer.rejected(row, cause.getMessage(), System.currentTimeMillis())));
    if (!refused.isEmpty()) {
      setAside(refused);
    }
    buffer.clear();
  }

  /** Counts and logs the rows the table refused, and writes them to {@code rejected_events}. */
  private void setAside(List<RejectedRecord> refused) throws IOException, InterruptedException {
    for (RejectedRecord r : refused) {
      refusedRows.inc();
      refusedSoFar++;
      if (isDeadLetterTable) {
        // Nowhere else to put it: the whole dead letter goes to the log.
        LOG.error(
            "{} refused a dead letter, which is lost but for this line: {}; the dead letter: {}",
            target,
            r.reason(),
            r);
      } else if (RejectionLog.shouldLog(refusedSoFar)) {
        RejectionLog.log(LOG, r, refusedSoFar);
      }
    }
    if (!isDeadLetterTable) {
      deadLetters.insert(
          refused,
          (r, cause) ->
              LOG.error(
                  "{} refused a dead letter, which is lost but for this line: {}; the dead"
                      + " letter: {}",
                  options.qualified(RejectedRecordWriter.TABLE),
                  cause.getMessage(),
                  r));
    }
  }

  private void insertRows(List<T> batch) throws SQLException {
    if (statement == null) {
      statement = connection().prepareStatement(insert);
    }
    for (T row : batch) {
      writer.bind(statement, row);
      statement.addBatch();
    }
    statement.executeBatch();
  }

  private void insertDeadLetters(String table, List<RejectedRecord> batch) throws SQLException {
    if (deadLetterStatement == null) {
      deadLetterStatement =
          connection().prepareStatement(insertStatement(table, deadLetterWriter.columns()));
    }
    for (RejectedRecord r : batch) {
      deadLetterWriter.bind(deadLetterStatement, r);
      deadLetterStatement.addBatch();
    }
    deadLetterStatement.executeBatch();
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = JdbcConnections.open(options.url(), options.user(), options.password());
    }
    return connection;
  }

  /** After any failure: the next attempt starts on a fresh connection with fresh statements. */
  private void closeConnection() {
    close(statement, "statement");
    close(deadLetterStatement, "statement");
    close(connection, "connection");
    statement = null;
    deadLetterStatement = null;
    connection = null;
  }

  private void close(AutoCloseable resource, String what) {
    try {
      if (resource != null) {
        resource.close();
      }
    } catch (Exception e) {
      LOG.debug("closing a failed {} of {}", what, target, e);
    }
  }

  @Override
  public void close() {
    // Unflushed rows were never covered by a checkpoint: a restore replays them from Kafka.
    closeConnection();
  }
}
