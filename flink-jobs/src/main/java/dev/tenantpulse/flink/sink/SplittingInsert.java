package dev.tenantpulse.flink.sink;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts a batch of rows, and decides what a failure means ({@link InsertFaults}):
 *
 * <ul>
 *   <li>transient (connection, timeout, memory): the same rows again on a fresh connection, after a
 *       doubling wait, up to {@code maxRetries} times; then an {@link IOException} (the task fails
 *       and Flink restarts it from its checkpoint);
 *   <li>a row's value: the batch is halved and each half inserted the same way, so the rows that
 *       insert are written and each row that fails alone is {@linkplain Refused refused} with the
 *       engine's error. One bad row in n costs about 2·log2(n) INSERTs;
 *   <li>more partitions than one INSERT may create (an import spanning decades of months): the
 *       batch is split by {@link TableWriter#partition} into INSERTs of at most the engine's limit
 *       of partitions each (halved instead when the writer does not know its partitions).
 * </ul>
 *
 * <p>More than {@code maxRefused} refused rows in one batch are taken for a fault of the table (a
 * changed column type refuses every row), not of the rows: an {@link IOException} then fails the
 * task as a transient fault does, rather than turning the whole stream into dead letters.
 *
 * @param <T> the row type
 */
final class SplittingInsert<T> {

  private static final Logger LOG = LoggerFactory.getLogger(SplittingInsert.class);
  private static final long MAX_BACKOFF_MS = 30_000;

  /** One INSERT of the rows; the caller's connection is reset after it fails. */
  @FunctionalInterface
  interface Attempt<T> {
    void insert(List<T> rows) throws SQLException;
  }

  /** A row the table refused, with the engine's error. */
  @FunctionalInterface
  interface Refused<T> {
    void refused(T row, SQLException cause);
  }

  /** Counters of what the inserts did. */
  record Counters(Counter rowsWritten, Counter batches, Counter retries, Counter splits) {}

  private final String target;
  private final Attempt<T> attempt;
  private final Runnable reset;
  private final Function<T, String> partitionOf;
  private final int maxRetries;
  private final long backoffMs;
  private final int maxRefused;
  private final Sleeper sleeper;
  private final Counters counters;

  /**
   * @param target the table, for messages
   * @param reset called after every failed attempt (closes the connection, so the next attempt
   *     starts on a fresh one)
   * @param partitionOf the partition of a row, null when unknown
   */
  SplittingInsert(
      String target,
      Attempt<T> attempt,
      Runnable reset,
      Function<T, String> partitionOf,
      int maxRetries,
      long backoffMs,
      int maxRefused,
      Sleeper sleeper,
      Counters counters) {
    this.target = target;
    this.attempt = attempt;
    this.reset = reset;
    this.partitionOf = partitionOf;
    this.maxRetries = maxRetries;
    this.backoffMs = backoffMs;
    this.maxRefused = maxRefused;
    this.sleeper = sleeper;
    this.counters = counters;
  }

  /**
   * Inserts {@code rows}: returns once every row is written or refused.
   *
   * @return how many rows were refused
   * @throws IOException after the last retry of a transient failure, or when more than {@code
   *     maxRefused} rows were refused
   */
  int insert(List<T> rows, Refused<T> refused) throws IOException, InterruptedException {
    Run run = new Run(refused);
    run.insert(rows);
    return run.refusedRows;
  }

  private final class Run {
    private final Refused<T> refused;
    private int refusedRows;
    private boolean splitLogged;

    Run(Refused<T> refused) {
      this.refused = refused;
    }

    void insert(List<T> rows) throws IOException, InterruptedException {
      for (int attemptNo = 0; ; attemptNo++) {
        SQLException failure;
        try {
          attempt.insert(rows);
          counters.rowsWritten().inc(rows.size());
          counters.batches().inc();
          return;
        } catch (SQLException e) {
          failure = e;
          reset.run();
        }
        switch (InsertFaults.classify(failure)) {
          case PARTITIONS -> {
            if (rows.size() > 1) {
              splitByPartition(rows, InsertFaults.partitionLimit(failure), failure);
              return;
            }
            // One row spans one partition: the setting itself is below 1, the table's fault.
          }
          case ROWS -> {
            if (rows.size() == 1) {
              refuse(rows.get(0), failure);
            } else {
              halve(rows, failure);
            }
            return;
          }
          case TRANSIENT -> {
            // below
          }
        }
        if (attemptNo >= maxRetries) {
          throw new IOException(
              "inserting "
                  + rows.size()
                  + " rows into "
                  + target
                  + " failed "
                  + (attemptNo + 1)
                  + " times; the last error: "
                  + failure.getMessage(),
              failure);
        }
        long wait = Math.min(MAX_BACKOFF_MS, backoffMs << Math.min(attemptNo, 16));
        counters.retries().inc();
        LOG.warn(
            "inserting {} rows into {} failed (attempt {} of {}), retrying in {} ms: {}",
            rows.size(),
            target,
            attemptNo + 1,
            maxRetries + 1,
            wait,
            failure.getMessage());
        sleeper.sleep(wait);
      }
    }

    private void halve(List<T> rows, SQLException failure)
        throws IOException, InterruptedException {
      counters.splits().inc();
      if (!splitLogged) {
        splitLogged = true;
        LOG.warn(
            "{} refused a batch of {} rows for a value of some row: splitting it to write the"
                + " others and set that row aside ({})",
            target,
            rows.size(),
            failure.getMessage());
      }
      int half = rows.size() / 2;
      insert(rows.subList(0, half));
      insert(rows.subList(half, rows.size()));
    }

    private void splitByPartition(List<T> rows, int limit, SQLException failure)
        throws IOException, InterruptedException {
      Map<String, List<T>> byPartition = new LinkedHashMap<>();
      for (T row : rows) {
        String partition = partitionOf(row);
        if (partition == null) {
          halve(rows, failure); // the writer does not know the table's partitions
          return;
        }
        byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(row);
      }
      if (byPartition.size() <= limit) {
        halve(rows, failure); // the writer's partitions are not the table's: still make progress
        return;
      }
      counters.splits().inc();
      List<List<T>> chunks = new ArrayList<>();
      List<T> chunk = new ArrayList<>();
      int partitions = 0;
      for (List<T> partitionRows : byPartition.values()) {
        if (partitions == limit) {
          chunks.add(chunk);
          chunk = new ArrayList<>();
          partitions = 0;
        }
        chunk.addAll(partitionRows);
        partitions++;
      }
      chunks.add(chunk);
      LOG.info(
          "a batch of {} rows spans {} partitions of {}, more than one INSERT may create ({}):"
              + " inserting it in {} parts",
          rows.size(),
          byPartition.size(),
          target,
          limit,
          chunks.size());
      for (List<T> c : chunks) {
        insert(c);
      }
    }

    private String partitionOf(T row) {
      try {
        return partitionOf == null ? null : partitionOf.apply(row);
      } catch (RuntimeException e) {
        return null; // a value the writer cannot place: halving still finds its row
      }
    }

    private void refuse(T row, SQLException failure) throws IOException {
      refusedRows++;
      if (refusedRows > maxRefused) {
        throw new IOException(
            target
                + " refused more than "
                + maxRefused
                + " rows of one batch (sink.max-refused-rows): taken for a fault of the table,"
                + " not of the rows; the last error: "
                + failure.getMessage(),
            failure);
      }
      refused.refused(row, failure);
    }
  }
}
