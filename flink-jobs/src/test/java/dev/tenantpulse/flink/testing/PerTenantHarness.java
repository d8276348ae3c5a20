package dev.tenantpulse.flink.testing;

import dev.tenantpulse.flink.metrics.TenantFact;
import dev.tenantpulse.flink.source.TenantErasure;
import dev.tenantpulse.tenancy.events.TenantEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** The per-tenant operator in Flink's two-input harness, on a state backend named as in tests. */
public final class PerTenantHarness {

  private PerTenantHarness() {}

  /**
   * {@code operator} keyed by tenant on {@code backend} ("rocksdb", else the heap), restored from
   * {@code restoreFrom} when not null, opened.
   */
  public static KeyedTwoInputStreamOperatorTestHarness<
          String, TenantEvent, TenantErasure, TenantFact>
      open(
          KeyedCoProcessOperator<String, TenantEvent, TenantErasure, TenantFact> operator,
          String backend,
          OperatorSubtaskState restoreFrom)
          throws Exception {
    var harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            operator, TenantEvent::tenantId, TenantErasure::tenantId, Types.STRING);
    harness.setStateBackend(stateBackend(backend));
    if (restoreFrom != null) {
      harness.initializeState(restoreFrom);
    }
    harness.open();
    return harness;
  }

  /** RocksDB (incremental, as the job) for "rocksdb", else the heap backend. */
  public static StateBackend stateBackend(String name) {
    return "rocksdb".equals(name)
        ? new EmbeddedRocksDBStateBackend(true)
        : new HashMapStateBackend();
  }
}
