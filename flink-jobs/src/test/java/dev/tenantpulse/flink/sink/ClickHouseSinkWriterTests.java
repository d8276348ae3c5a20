package dev.tenantpulse.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.flink.events.EventsTableWriter;
import dev.tenantpulse.flink.metrics.usage.UsageDayRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayRowWriter;
import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.flink.testing.TestEvents;
import dev.tenantpulse.flink.testing.TestWarehouse;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.metrics.testutils.MetricListener;
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

  @Test
  void splitsABatchWithARowTheTableRefusesWritesTheRestAndSetsTheRowAside() throws Exception {
    database = TestWarehouse.migratedDatabase("sink_refused");
    TestWarehouse.execute(CREATE.formatted(database));
    // A value the column refuses: the engine fails the whole INSERT (VIOLATED_CONSTRAINT, 469).
    TestWarehouse.execute("ALTER TABLE " + database + ".kv ADD CONSTRAINT small CHECK v < 1000");
    MetricListener metrics = new MetricListener();
    var writer =
        track(
            new ClickHouseSinkWriter<>(
                options(1000, 3), new KvWriter(), time, metrics.getMetricGroup(), sleeps::add));
    long started = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      writer.write(new Kv("k" + i, i == 637 ? 5000 : i), null);
    }

    assertThat(writer.buffered()).isZero();
    assertThat(rows()).isEqualTo(999);
    assertThat(TestWarehouse.count("SELECT count() FROM " + database + ".kv WHERE k = 'k637'"))
        .isZero();
    List<List<Object>> deadLetters =
        TestWarehouse.rows(
            "SELECT stage, reason, raw, partition, offset FROM "
                + database
                + ".rejected_events FINAL");
    assertThat(deadLetters).hasSize(1);
    assertThat(deadLetters.get(0).get(0)).isEqualTo("sink:kv");
    assertThat((String) deadLetters.get(0).get(1))
        .contains("VIOLATED_CONSTRAINT")
        .contains("v = 5000");
    assertThat(deadLetters.get(0).get(2)).isEqualTo("Kv[k=k637, v=5000]");
    assertThat(sleeps).as("no retry for a refused value").isEmpty();
    assertThat(metrics.getCounter("stage", "sink:kv", "rejectedRecords"))
        .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(1));
    assertThat(metrics.getCounter("insertBatches"))
        .as("INSERTs that wrote rows: one per level of halving")
        .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(10));
    System.out.printf(
        "one refused row in 1000: split and written in %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  void insertsABatchOfEventsSpanningMoreMonthsThanOneInsertMayCreate() throws Exception {
    database = TestWarehouse.migratedDatabase("sink_months");
    List<ReceivedEvent> events = new ArrayList<>();
    for (int month = 0; month < 300; month++) { // 25 years, ClickHouse allows 100 per INSERT
      Instant at =
          LocalDate.of(2001, 1, 1)
              .plusMonths(month)
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant()
              .plusSeconds(month * 3_600L);
      events.add(
          new ReceivedEvent(
              TestEvents.activity("t" + month % 7, "m" + month, at),
              at.toEpochMilli(),
              0,
              month,
              false));
    }
    java.util.Collections.shuffle(events, new java.util.Random(7));
    var writer =
        track(
            new ClickHouseSinkWriter<>(
                options(10_000, 0),
                new EventsTableWriter("tenant-events"),
                time,
                new UnregisteredMetricsGroup(),
                sleeps::add));
    long started = System.nanoTime();
    for (ReceivedEvent e : events) {
      writer.write(e, null);
    }
    writer.flush(false);

    assertThat(TestWarehouse.count("SELECT count() FROM " + database + ".events FINAL"))
        .isEqualTo(300);
    assertThat(TestWarehouse.count("SELECT uniqExact(_partition_id) FROM " + database + ".events"))
        .isEqualTo(300);
    assertThat(TestWarehouse.count("SELECT count() FROM " + database + ".rejected_events"))
        .isZero();
    assertThat(sleeps).isEmpty();
    System.out.printf(
        "300 months in one batch: written in %d ms%n", (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  void writersNameThePartitionTheEngineChooses() throws Exception {
    database = TestWarehouse.migratedDatabase("sink_partitions");
    EventsTableWriter events = new EventsTableWriter();
    UsageDayRowWriter usage = new UsageDayRowWriter();
    Map<String, String> expected = new TreeMap<>();
    List<ReceivedEvent> eventRows = new ArrayList<>();
    List<UsageDayRow> usageRows = new ArrayList<>();
    for (String at :
        List.of("2000-01-01T00:00:00Z", "2026-01-31T23:59:59.999Z", "2099-12-31T23:00:00Z")) {
      Instant t = Instant.parse(at);
      ReceivedEvent e =
          new ReceivedEvent(TestEvents.activity("acme", at, t), t.toEpochMilli(), 0, false);
      eventRows.add(e);
      expected.put("event " + at, events.partition(e));
      UsageDayRow u =
          new UsageDayRow(t.atZone(ZoneOffset.UTC).toLocalDate(), "acme", at, 1.0, t, 1);
      usageRows.add(u);
      expected.put("usage " + at, usage.partition(u));
    }
    ClickHouseSinkTestAccess.writeAll(options(1000, 0), events, eventRows);
    ClickHouseSinkTestAccess.writeAll(options(1000, 0), usage, usageRows);

    Map<String, String> actual = new TreeMap<>();
    for (List<Object> row :
        TestWarehouse.rows("SELECT event_id, _partition_id FROM " + database + ".events")) {
      actual.put("event " + row.get(0), (String) row.get(1));
    }
    for (List<Object> row :
        TestWarehouse.rows("SELECT meter, _partition_id FROM " + database + ".usage_daily")) {
      actual.put("usage " + row.get(0), (String) row.get(1));
    }
    assertThat(actual).isEqualTo(expected);
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
