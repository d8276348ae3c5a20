package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.flink.source.TenantErasure;
import dev.tenantpulse.tenancy.events.TenantEvent;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;

/**
 * The per-tenant operator of the streaming job: {@link ErasureAwareTenantEvents} with its state
 * cache in write-back mode ({@link TenantStateCache}). It writes the cache's pending values to the
 * keyed state before every checkpoint barrier, and again (then nothing is pending) when it
 * snapshots, before the keyed state is snapshotted: each checkpoint and savepoint holds what the
 * events before the barrier wrote, also where a snapshot is taken without a barrier (Flink's test
 * harnesses). Same state, timers and outputs as a plain keyed co-process operator (the uid keeps
 * its snapshots).
 */
public class TenantStateOperator
    extends KeyedCoProcessOperator<String, TenantEvent, TenantErasure, TenantFact>
    implements TenantStateCache.KeyContext {

  private static final long serialVersionUID = 1L;

  private final ErasureAwareTenantEvents events;

  public TenantStateOperator(ErasureAwareTenantEvents events) {
    super(events);
    this.events = events;
  }

  @Override
  public void open() throws Exception {
    super.open();
    events.stateCache().writeBack(this);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    events.stateCache().flush();
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    events.stateCache().flush();
    super.snapshotState(context);
  }
}
