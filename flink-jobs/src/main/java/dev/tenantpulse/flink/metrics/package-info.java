/**
 * The metric pipelines: from counted events to the rows of {@code tenants}, {@code
 * active_tenants_hourly(_by_plan)}, {@code feature_adoption_daily}, {@code onboarding_tenants},
 * {@code onboarding_cohorts} and {@code usage_daily}, exactly as DESIGN.md and
 * docs/metric-semantics.md define them.
 *
 * <p>Shape ({@link dev.tenantpulse.flink.metrics.MetricPipelines#attach}): one operator keyed by
 * tenant ({@link dev.tenantpulse.flink.metrics.TenantEventsFunction}) owns the per-tenant tables
 * and turns events into compact {@link dev.tenantpulse.flink.metrics.TenantFact}s; three
 * cross-tenant aggregators of parallelism 1 (active hours, feature adoption, onboarding cohorts)
 * consume the facts. Each aggregator is a Flink-free class (tested directly) under a thin {@code
 * KeyedProcessFunction} that drives it with event-time timers and checkpoints it.
 *
 * <p>Rows and re-emits: a row is emitted when its period closes (event time passes it) or, for
 * onboarding and tenants, when it changes. An event within the lateness that arrives behind the
 * watermark changes closed rows: they are emitted again with a higher {@code version}, {@code
 * max(previous + 1, now ms)}, kept in checkpointed state so a restored job still writes above what
 * it wrote. Unchanged rows are not emitted again.
 *
 * <p>Bounded input and BATCH mode: at the end of the input (watermark MAX) rows are emitted up to
 * the last emitted hour, {@code floor_hour(max event time) + 1h}; with {@link
 * dev.tenantpulse.flink.metrics.MetricOptions#bounded()} never beyond it. STREAMING and BATCH runs
 * of the same events give the same final rows. An emit range (recompute) limits the rows written to
 * those whose period starts in it; the {@code tenants} table is then left alone, since a recompute
 * sees only part of each tenant's history.
 *
 * <p>Types: every record on the wire or in state is a Flink POJO (records, typed through {@link
 * dev.tenantpulse.flink.metrics.RowTypes}), so the job runs with generic types (Kryo) disabled.
 */
package dev.tenantpulse.flink.metrics;
