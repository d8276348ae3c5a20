package dev.tenantpulse.flink.metrics.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tenantpulse.flink.metrics.CatalogView;
import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.ErasureAwareTenantEvents;
import dev.tenantpulse.flink.metrics.RowTypes;
import dev.tenantpulse.flink.metrics.TenantEventsFunction;
import dev.tenantpulse.flink.metrics.TenantFact;
import dev.tenantpulse.flink.metrics.TenantStateCache;
import dev.tenantpulse.flink.source.TenantErasure;
import dev.tenantpulse.flink.testing.PerTenantHarness;
import dev.tenantpulse.flink.testing.TestEvents;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key list beside the usage sums always lists exactly the tenant's keys, and sums written
 * before the list existed are still found, counted on and emitted after a restore.
 */
class IndexedSumsTests {

  private static final long DAY = Duration.ofDays(1).toMillis();

  /**
   * Read through the heap cache (capacity 0: off; 3: nearly every read misses and entries are
   * evicted all the time; the default), the tenant's list and sums are what the operations left.
   */
  @ParameterizedTest
  @CsvSource({
    "hashmap, 0",
    "rocksdb, 0",
    "hashmap, 3",
    "rocksdb, 3",
    "hashmap, " + TenantStateCache.DEFAULT_CAPACITY,
    "rocksdb, " + TenantStateCache.DEFAULT_CAPACITY
  })
  void theListAndSumsHoldExactlyTheTenantsAfterGeneratedPutsRemovalsAndClears(
      String backend, int cacheEntries) throws Exception {
    Random random = new Random(20261207L);
    Map<String, Map<UsageKey, Double>> model = new HashMap<>();
    List<String> tenants = List.of("acme", "acme2", "ACME", "a", "");
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ApplyOp(cacheEntries)), Op::tenant, Types.STRING)) {
      harness.setStateBackend(PerTenantHarness.stateBackend(backend));
      harness.open();
      for (int i = 0; i < 3_000; i++) {
        String tenant = tenants.get(random.nextInt(tenants.size()));
        Map<UsageKey, Double> sums = model.computeIfAbsent(tenant, t -> new HashMap<>());
        Set<UsageKey> keys = sums.keySet();
        int kind = random.nextInt(10);
        UsageKey key = new UsageKey(random.nextInt(8) * DAY, "m" + random.nextInt(3));
        Op op;
        if (kind < 6) {
          op = new Op(tenant, "put", List.of(key));
          sums.merge(key, 1.0, Double::sum);
        } else if (kind < 9) {
          List<UsageKey> expired = new ArrayList<>();
          for (UsageKey k : keys) {
            if (random.nextBoolean()) {
              expired.add(k);
            }
          }
          op = new Op(tenant, "remove", expired);
          expired.forEach(keys::remove);
        } else {
          op = new Op(tenant, "clear", List.of());
          keys.clear();
        }
        harness.processElement(new StreamRecord<>(op));
        List<Listed> listed = harness.extractOutputValues();
        Listed last = listed.get(listed.size() - 1);
        assertThat(new HashSet<>(last.keys()))
            .as("op %d (%s of %s)", i, op.kind(), tenant)
            .isEqualTo(keys);
        assertThat(last.keys()).doesNotHaveDuplicates();
        assertThat(last.sums()).as("op %d (%s of %s)", i, op.kind(), tenant).isEqualTo(sums);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void sumsWrittenBeforeTheKeyListExistedAreAddedToAndEmittedAfterARestore(String backend)
      throws Exception {
    long day = TestEvents.T0.toEpochMilli();
    OperatorSubtaskState before;
    try (var legacy =
        PerTenantHarness.open(new KeyedCoProcessOperator<>(new LegacyUsageDays()), backend, null)) {
      legacy.processElement1(new StreamRecord<>(usage("u-1", day + 60_000, 7), day + 60_000));
      before = legacy.snapshot(1, 1);
    }
    try (var restored =
        PerTenantHarness.open(
            new KeyedCoProcessOperator<>(
                new ErasureAwareTenantEvents(
                    new TenantEventsFunction(
                        CatalogView.of(PlanCatalog.defaultCatalog()),
                        Duration.ofHours(1).toMillis(),
                        Duration.ofHours(1).toMillis(),
                        EmitRange.ALL))),
            backend,
            before)) {
      restored.processElement1(new StreamRecord<>(usage("u-2", day + 120_000, 5), day + 120_000));
      restored.processBothWatermarks(new Watermark(day + DAY));
      assertThat(restored.getSideOutput(TenantEventsFunction.USAGE))
          .extracting(StreamRecord::getValue)
          .extracting(UsageDayRow::tenantId, UsageDayRow::quantity)
          .as("the day closes once, with the sum from before the restore and the one after")
          .containsExactly(tuple("acme", 12.0));
    }
  }

  private static TenantEvent usage(String id, long at, double quantity) {
    return TenantEvent.builder(EventType.USAGE, id, "acme", java.time.Instant.ofEpochMilli(at))
        .meter("api_calls")
        .quantity(quantity)
        .build();
  }

  /** One operation on a tenant's sums. */
  record Op(String tenant, String kind, List<UsageKey> keys) {}

  /** A tenant's listed keys and the sum of each. */
  record Listed(List<UsageKey> keys, Map<UsageKey, Double> sums) {}

  /** Applies an operation, then emits the tenant's listed keys and their sums. */
  static final class ApplyOp extends KeyedProcessFunction<String, Op, Listed> {
    private static final long serialVersionUID = 1L;
    private final int cacheEntries;
    private transient TenantStateCache cache;
    private transient IndexedSums<UsageKey> sums;

    ApplyOp(int cacheEntries) {
      this.cacheEntries = cacheEntries;
    }

    @Override
    public void open(OpenContext openContext) {
      cache = new TenantStateCache(cacheEntries);
      sums = IndexedSums.open(getRuntimeContext(), "usage-sums", UsageKey.class, cache);
    }

    @Override
    public void processElement(Op op, Context ctx, Collector<Listed> out) throws Exception {
      cache.enter(ctx.getCurrentKey());
      switch (op.kind()) {
        case "put" -> {
          UsageKey key = op.keys().get(0);
          UsageSum previous = sums.get(key);
          sums.put(key, previous == null ? new UsageSum(1, 0) : previous.plus(1), previous == null);
        }
        case "remove" -> sums.removeIf(op.keys()::contains);
        default -> sums.clear();
      }
      Map<UsageKey, Double> values = new HashMap<>();
      for (UsageKey key : sums.keys()) {
        values.put(key, sums.get(key).quantity());
      }
      out.collect(new Listed(List.copyOf(sums.keys()), values));
    }
  }

  /** The daily sums as the per-tenant operator kept them before the key list: the map alone. */
  static final class LegacyUsageDays
      extends KeyedCoProcessFunction<String, TenantEvent, TenantErasure, TenantFact> {
    private static final long serialVersionUID = 1L;
    private transient MapState<UsageKey, UsageSum> sums;

    @Override
    public void open(OpenContext openContext) {
      sums =
          getRuntimeContext()
              .getMapState(
                  new MapStateDescriptor<>(
                      "usage-sums", RowTypes.of(UsageKey.class), RowTypes.of(UsageSum.class)));
    }

    @Override
    public void processElement1(TenantEvent e, Context ctx, Collector<TenantFact> out)
        throws Exception {
      long dayStart = e.timestamp().toEpochMilli() / DAY * DAY;
      sums.put(new UsageKey(dayStart, e.meter()), new UsageSum(e.quantity(), 0));
      ctx.timerService().registerEventTimeTimer(dayStart + DAY - 1);
    }

    @Override
    public void processElement2(TenantErasure e, Context ctx, Collector<TenantFact> out) {}
  }
}
