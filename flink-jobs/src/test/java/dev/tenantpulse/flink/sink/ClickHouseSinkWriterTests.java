package dev.tenantpulse.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.flink.testing.TestWarehouse;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClickHouseSinkWriterTests {

  private static final String CREATE =
      "CREATE TABLE %s.kv (k String, v UInt64, version UInt64)"
          + " ENGINE = ReplacingMergeTree(version) ORDER BY k";

  private final TestProcessingTimeService time = new TestProcessingTimeService();
  private final List<Long> sleeps = new ArrayList<>();
  private final List<ClickHouseSinkWriter<?>> writers = new ArrayList<>();
  private String database;

  record Kv(String k, long v) {}

  static final class KvWriter implements TableWriter<Kv> {
    @Override
    public String table() {
      return "kv";
    }

    @Override
    public List<String> columns() {
      return List.of("k", "v", "version");
    }

    @Override
    public void bind(PreparedStatement statement, Kv row) throws SQLException {
      statement.setString(1, row.k());
      statement.setLong(2, row.v());
      statement.setLong(3, row.v());
    }
  }

  @BeforeEach
  void freshDatabase() throws Exception {
    database = TestEngine.freshDatabase("sink");
  }

  @AfterEach
  void closeWriters() {
    writers.forEach(ClickHouseSinkWriter::close);
  }

  @Test
  void insertsOnceTheBatchIsFull() throws Exception {
    TestWarehouse.execute(CREATE.formatted(database));
    var writer = writer(3, 0);
    writer.write(new Kv("a", 1), null);
    writer.write(new Kv("b", 2), null);
    assertThat(rows()).isZero();

    writer.write(new Kv("c", 3), null);
    assertThat(rows()).isEqualTo(3);
    assertThat(writer.buffered()).isZero();
  }

  @Test
  void insertsWhatWaitedTheFlushInterval() throws Exception {
    TestWarehouse.execute(CREATE.formatted(database));
    var writer = writer(1000, 0);
    writer.write(new Kv("a", 1), null);
    time.advance(999);
    assertThat(rows()).isZero();

    time.advance(1);
    assertThat(rows()).isEqualTo(1);

    writer.write(new Kv("b", 2), null); // a new timer for the next row
    time.advance(1000);
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void insertsEverythingOnACheckpoint() throws Exception {
    TestWarehouse.execute(CREATE.formatted(database));
    var writer = writer(1000, 0);
    writer.write(new Kv("a", 1), null);
    writer.write(new Kv("b", 2), null);

    writer.flush(false);
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void retriesAFailedInsertOnAFreshConnection() throws Exception {
    // No table yet: the first insert fails; the table appears while the writer backs off.
    var writer =
        track(
            new ClickHouseSinkWriter<>(
                options(2, 3),
                new KvWriter(),
                time,
                new UnregisteredMetricsGroup(),
                millis -> {
                  sleeps.add(millis);
                  try {
                    TestWarehouse.execute(CREATE.formatted(database));
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                }));
    writer.write(new Kv("a", 1), null);
    writer.write(new Kv("b", 2), null);

    assertThat(rows()).isEqualTo(2);
    assertThat(sleeps).containsExactly(100L);
  }

  @Test
  void failsAfterTheLastRetryNamingTheTable() throws Exception {
    var writer = writer(1, 3);

    assertThatThrownBy(() -> writer.write(new Kv("a", 1), null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(database + ".kv")
        .hasMessageContaining("failed 4 times");
    assertThat(sleeps).containsExactly(100L, 200L, 400L);
  }

  @Test
  void aReplayedRowReplacesItsEarlierCopy() throws Exception {
    TestWarehouse.execute(CREATE.formatted(database));
    var writer = writer(2, 0);
    writer.write(new Kv("a", 1), null);
    writer.write(new Kv("b", 2), null);
    writer.write(new Kv("a", 1), null); // replay after a restore
    writer.write(new Kv("b", 2), null);

    assertThat(TestWarehouse.count("SELECT count() FROM " + database + ".kv FINAL")).isEqualTo(2);
  }

  private ClickHouseSinkWriter<Kv> writer(int batchSize, int retries) {
    return track(
        new ClickHouseSinkWriter<>(
            options(batchSize, retries),
            new KvWriter(),
            time,
            new UnregisteredMetricsGroup(),
            sleeps::add));
  }

  private <T> ClickHouseSinkWriter<T> track(ClickHouseSinkWriter<T> writer) {
    writers.add(writer);
    return writer;
  }

  private ClickHouseOptions options(int batchSize, int retries) {
    return ClickHouseOptions.of(TestEngine.url(), database)
        .withBatching(batchSize, Duration.ofSeconds(1))
        .withRetries(retries, Duration.ofMillis(100));
  }

  private long rows() throws SQLException {
    return TestWarehouse.count("SELECT count() FROM " + database + ".kv");
  }
}
