package dev.tenantpulse.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

/**
 * The splitting logic alone, against a table stand-in that refuses batches the way ClickHouse does
 * (one INSERT fails as a whole).
 */
class SplittingInsertTests {

  private static final String CONSTRAINT =
      "Code: 469. DB::Exception: Constraint `sane` for table db.kv is violated at row 3."
          + " (VIOLATED_CONSTRAINT)";
  private static final String PARTITIONS =
      "Code: 252. DB::Exception: Too many partitions for single INSERT block (more than 4)."
          + " The limit is controlled by 'max_partitions_per_insert_block' setting. (TOO_MANY_PARTS)";

  private final List<List<Integer>> attempts = new ArrayList<>();
  private final List<Integer> written = new ArrayList<>();
  private final Map<Integer, String> refused = new LinkedHashMap<>();
  private final List<Long> sleeps = new ArrayList<>();
  private final SplittingInsert.Counters counters =
      new SplittingInsert.Counters(
          new SimpleCounter(), new SimpleCounter(), new SimpleCounter(), new SimpleCounter());
  private int resets;

  @Test
  void writesEveryOtherRowAndRefusesTheOneTheTableRefusesAlone() throws Exception {
    List<Integer> rows = IntStream.range(0, 1000).boxed().toList();
    var insert = splitting(batch -> refuseIfContains(batch, Set.of(637)), 5, 100);

    assertThat(insert.insert(rows, (row, cause) -> refused.put(row, cause.getMessage())))
        .isEqualTo(1);

    assertThat(refused).containsOnlyKeys(637);
    assertThat(refused.get(637)).contains("VIOLATED_CONSTRAINT");
    assertThat(written).hasSize(999).doesNotHaveDuplicates().doesNotContain(637);
    assertThat(attempts.size()).as("INSERTs for one bad row in 1000").isLessThanOrEqualTo(21);
    assertThat(sleeps).as("a refused value is never retried").isEmpty();
    assertThat(counters.rowsWritten().getCount()).isEqualTo(999);
    assertThat(resets).isEqualTo(attempts.size() - counters.batches().getCount());
  }

  @Test
  void findsSeveralRefusedRowsAndWritesTheRest() throws Exception {
    List<Integer> rows = IntStream.range(0, 64).boxed().toList();
    var insert = splitting(batch -> refuseIfContains(batch, Set.of(0, 31, 32, 63)), 5, 100);

    insert.insert(rows, (row, cause) -> refused.put(row, cause.getMessage()));

    assertThat(refused).containsOnlyKeys(0, 31, 32, 63);
    assertThat(written).hasSize(60).doesNotHaveDuplicates();
  }

  @Test
  void takesMoreRefusedRowsThanAllowedForTheTablesFault() {
    List<Integer> rows = IntStream.range(0, 10).boxed().toList();
    var insert = splitting(batch -> refuseIfContains(batch, new HashSet<>(rows)), 5, 3);

    assertThatThrownBy(() -> insert.insert(rows, (row, cause) -> refused.put(row, "")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("refused more than 3 rows")
        .hasMessageContaining("sink.max-refused-rows");
    assertThat(refused).hasSize(3);
  }

  @Test
  void retriesATransientFailureAndNeverSplitsForIt() throws Exception {
    List<Integer> rows = IntStream.range(0, 8).boxed().toList();
    int[] failures = {2};
    var insert =
        splitting(
            batch -> {
              if (failures[0]-- > 0) {
                throw new SQLException("Connection refused", "08001");
              }
            },
            5,
            100);

    insert.insert(rows, (row, cause) -> refused.put(row, ""));

    assertThat(attempts).hasSize(3).allMatch(a -> a.size() == 8);
    assertThat(sleeps).containsExactly(100L, 200L);
    assertThat(written).hasSize(8);
    assertThat(refused).isEmpty();
  }

  @Test
  void failsAfterTheLastRetryOfATransientFailure() {
    var insert =
        splitting(
            batch -> {
              throw new SQLException("Code: 241. DB::Exception: Memory limit exceeded");
            },
            2,
            100);

    assertThatThrownBy(() -> insert.insert(List.of(1, 2), (row, cause) -> refused.put(row, "")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("failed 3 times");
    assertThat(refused).isEmpty();
  }

  @Test
  void splitsABatchSpanningTooManyPartitionsByPartitionIntoAsFewInsertsAsTheLimitAllows()
      throws Exception {
    // 40 rows over 10 partitions (row % 10), interleaved; the engine allows 4 per INSERT.
    List<Integer> rows = IntStream.range(0, 40).boxed().toList();
    var insert =
        splitting(
            batch -> {
              if (batch.stream().map(r -> r % 10).distinct().count() > 4) {
                throw new BatchUpdateException(PARTITIONS, "HY000", 252, new int[0]);
              }
            },
            5,
            100,
            r -> Integer.toString(r % 10));

    insert.insert(rows, (row, cause) -> refused.put(row, ""));

    assertThat(attempts).hasSize(4); // the whole batch, then 4 + 4 + 2 partitions
    assertThat(written).hasSize(40).doesNotHaveDuplicates();
    assertThat(refused).isEmpty();
    assertThat(sleeps).isEmpty();
  }

  @Test
  void halvesABatchSpanningTooManyPartitionsWhenTheWriterDoesNotKnowThem() throws Exception {
    List<Integer> rows = IntStream.range(0, 40).boxed().toList();
    var insert =
        splitting(
            batch -> {
              if (batch.stream().map(r -> r / 4).distinct().count() > 4) {
                throw new SQLException(PARTITIONS, "HY000", 252);
              }
            },
            5,
            100,
            null);

    insert.insert(rows, (row, cause) -> refused.put(row, ""));

    assertThat(written).hasSize(40).doesNotHaveDuplicates();
    assertThat(refused).isEmpty();
  }

  @Test
  void classifiesClickHouseErrors() {
    assertThat(InsertFaults.classify(new SQLException(CONSTRAINT, "HY000", 469)))
        .isEqualTo(InsertFaults.Kind.ROWS);
    assertThat(InsertFaults.classify(new SQLException("Code: 6. DB::Exception: Cannot parse")))
        .isEqualTo(InsertFaults.Kind.ROWS);
    assertThat(
            InsertFaults.classify(
                new BatchUpdateException(
                    "batch row 1 does not fit the columns of db.events: long overflow",
                    "22000",
                    0,
                    new int[0])))
        .as("a value the driver cannot encode")
        .isEqualTo(InsertFaults.Kind.ROWS);
    assertThat(InsertFaults.classify(new SQLException(PARTITIONS, "HY000", 252)))
        .isEqualTo(InsertFaults.Kind.PARTITIONS);
    assertThat(InsertFaults.partitionLimit(new SQLException(PARTITIONS, "HY000", 252)))
        .isEqualTo(4);
    assertThat(
            InsertFaults.classify(
                new SQLException(
                    "Code: 252. DB::Exception: Too many parts (300). Merges are processing"
                        + " significantly slower than inserts. (TOO_MANY_PARTS)",
                    "HY000",
                    252)))
        .as("the server is behind: wait")
        .isEqualTo(InsertFaults.Kind.TRANSIENT);
    assertThat(InsertFaults.classify(new SQLException("Read timed out", "08S01")))
        .isEqualTo(InsertFaults.Kind.TRANSIENT);
    assertThat(
            InsertFaults.classify(
                new SQLException("Code: 60. DB::Exception: Unknown table", "42000", 60)))
        .as("the table's fault: retried, then the task fails")
        .isEqualTo(InsertFaults.Kind.TRANSIENT);
  }

  private void refuseIfContains(List<Integer> batch, Set<Integer> bad) throws SQLException {
    for (Integer row : batch) {
      if (bad.contains(row)) {
        throw new BatchUpdateException(CONSTRAINT, "HY000", 469, new int[0]);
      }
    }
  }

  private SplittingInsert<Integer> splitting(
      SplittingInsert.Attempt<Integer> table, int maxRetries, int maxRefused) {
    return splitting(table, maxRetries, maxRefused, null);
  }

  private SplittingInsert<Integer> splitting(
      SplittingInsert.Attempt<Integer> table,
      int maxRetries,
      int maxRefused,
      java.util.function.Function<Integer, String> partitionOf) {
    return new SplittingInsert<>(
        "db.kv",
        batch -> {
          attempts.add(List.copyOf(batch));
          table.insert(batch);
          written.addAll(batch);
        },
        () -> resets++,
        partitionOf,
        maxRetries,
        100,
        maxRefused,
        sleeps::add,
        counters);
  }
}
