package dev.tenantpulse.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.source.TenantErasure;
import dev.tenantpulse.flink.testing.PerTenantHarness;
import dev.tenantpulse.flink.testing.TestEvents;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-tenant operator with its state cache writing back gives what it gives without any cache:
 * the same facts and rows, across a snapshot and a restore taken mid-stream, with the cache so
 * small that nearly every write is evicted under another tenant's key, and with the default size,
 * where nearly every write waits on the heap for the snapshot.
 */
class TenantStateOperatorTests {

  private static final int EVENTS = 3_000;

  @ParameterizedTest
  @CsvSource({
    "rocksdb, 2, 1",
    "rocksdb, " + TenantStateCache.DEFAULT_CAPACITY + ", 2",
    "hashmap, 2, 3",
    "hashmap, " + TenantStateCache.DEFAULT_CAPACITY + ", 4"
  })
  void writingBackGivesTheUncachedOperatorsOutputAcrossARestore(
      String backend, int entries, long seed) throws Exception {
    List<TenantEvent> events = generated(new Random(seed));
    int restoreAt = EVENTS / 3 + new Random(seed).nextInt(EVENTS / 3);
    List<Object> uncached = run(events, restoreAt, backend, 0);
    List<Object> cached = run(events, restoreAt, backend, entries);
    assertThat(uncached).as("the run produced rows").hasSizeGreaterThan(500);
    assertThat(cached).as("restored after event %d", restoreAt).isEqualTo(uncached);
  }

  /** Everything the operator emitted, facts and each table's rows, before and after the restore. */
  private static List<Object> run(
      List<TenantEvent> events, int restoreAt, String backend, int cacheEntries) throws Exception {
    List<Object> out = new ArrayList<>();
    OperatorSubtaskState snapshot;
    long watermark = Long.MIN_VALUE;
    try (var first = harness(backend, cacheEntries, null)) {
      for (int i = 0; i < restoreAt; i++) {
        watermark = send(first, events, i, watermark);
      }
      snapshot = first.snapshot(1, 1);
      collect(first, out);
    }
    try (var second = harness(backend, cacheEntries, snapshot)) {
      second.processBothWatermarks(new Watermark(watermark));
      for (int i = restoreAt; i < events.size(); i++) {
        watermark = send(second, events, i, watermark);
      }
      second.processBothWatermarks(new Watermark(Long.MAX_VALUE));
      collect(second, out);
    }
    return out;
  }

  private static long send(
      KeyedTwoInputStreamOperatorTestHarness<String, TenantEvent, TenantErasure, TenantFact> h,
      List<TenantEvent> events,
      int i,
      long watermark)
      throws Exception {
    TenantEvent e = events.get(i);
    long ts = e.timestamp().toEpochMilli();
    h.processElement1(new StreamRecord<>(e, ts));
    if (i % 25 == 24) {
      // Behind the newest event by up to an hour, so some usage arrives for closed days.
      long next = Math.max(watermark, ts - Duration.ofMinutes(50).toMillis());
      h.processBothWatermarks(new Watermark(next));
      return next;
    }
    return watermark;
  }

  private static void collect(
      KeyedTwoInputStreamOperatorTestHarness<String, TenantEvent, TenantErasure, TenantFact> h,
      List<Object> out) {
    out.addAll(h.extractOutputValues());
    for (var tag :
        List.of(
            TenantEventsFunction.TENANTS,
            TenantEventsFunction.USAGE,
            TenantEventsFunction.USAGE_HOURLY,
            TenantEventsFunction.USAGE_MONTHLY,
            TenantEventsFunction.USAGE_SHARES,
            TenantEventsFunction.ONBOARDING)) {
      var rows = h.getSideOutput(tag);
      if (rows != null) {
        rows.forEach(r -> out.add(r.getValue()));
      }
    }
  }

  /** Twelve tenants' activity, usage of three meters and features over three days, in order. */
  private static List<TenantEvent> generated(Random random) {
    List<TenantEvent> events = new ArrayList<>();
    long t = TestEvents.T0.toEpochMilli();
    for (int i = 0; i < EVENTS; i++) {
      t += random.nextInt(120_000);
      // Out of order by up to 40 minutes: within the lateness, some behind the watermark.
      Instant at = Instant.ofEpochMilli(t - random.nextInt(2_400_000));
      String tenant = "t" + random.nextInt(12);
      String id = "e" + i;
      int kind = random.nextInt(10);
      TenantEvent e =
          kind < 5
              ? TenantEvent.builder(EventType.USAGE, id, tenant, at)
                  .meter("m" + random.nextInt(3))
                  .quantity((double) (1 + random.nextInt(100)))
                  .build()
              : kind < 7
                  ? TenantEvent.builder(EventType.FEATURE_USED, id, tenant, at)
                      .feature(random.nextBoolean() ? "sso" : "exports")
                      .build()
                  : TestEvents.activity(tenant, id, at);
      events.add(e);
    }
    return events;
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, TenantEvent, TenantErasure, TenantFact>
      harness(String backend, int cacheEntries, OperatorSubtaskState restoreFrom) throws Exception {
    var function =
        new ErasureAwareTenantEvents(
            new TenantEventsFunction(
                CatalogView.of(PlanCatalog.defaultCatalog()),
                Duration.ofHours(1).toMillis(),
                Duration.ofHours(1).toMillis(),
                EmitRange.ALL,
                cacheEntries));
    KeyedCoProcessOperator<String, TenantEvent, TenantErasure, TenantFact> operator =
        cacheEntries == 0
            ? new KeyedCoProcessOperator<>(function)
            : new TenantStateOperator(function);
    return PerTenantHarness.open(operator, backend, restoreFrom);
  }
}
