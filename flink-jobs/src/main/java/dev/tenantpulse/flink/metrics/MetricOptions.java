package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Options of {@link MetricPipelines#attach}.
 *
 * @param allowedLateness how far behind the watermark an event may still arrive and be counted
 *     (rows it changes are emitted again); default 1 h
 * @param bounded the input ends (recompute, batch, tests): at its end rows are emitted up to the
 *     last emitted hour {@code floor_hour(max event time) + 1h}, never beyond
 * @param emitFrom first instant of the rows to write (see {@link EmitRange}), null for no limit
 * @param emitUntil end (exclusive) of the rows to write, null for no limit
 * @param catalog plans, features and onboarding steps
 * @param retentionMargin state is kept this much longer than the windows and the lateness need
 * @param stateCacheEntries entries of the per-tenant operator's heap copy of each of its states
 *     ({@link TenantStateCache}), 0 for none
 */
public record MetricOptions(
    Duration allowedLateness,
    boolean bounded,
    Instant emitFrom,
    Instant emitUntil,
    PlanCatalog catalog,
    Duration retentionMargin,
    int stateCacheEntries) {

  public static final Duration DEFAULT_LATENESS = Duration.ofHours(1);
  public static final Duration DEFAULT_RETENTION_MARGIN = Duration.ofHours(6);

  public MetricOptions {
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(retentionMargin, "retentionMargin");
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException("allowedLateness must be >= 0, got " + allowedLateness);
    }
    if (stateCacheEntries < 0) {
      throw new IllegalArgumentException(
          "stateCacheEntries must be >= 0, got " + stateCacheEntries);
    }
    if (retentionMargin.isNegative()) {
      throw new IllegalArgumentException("retentionMargin must be >= 0, got " + retentionMargin);
    }
    new EmitRange(emitFrom, emitUntil); // validates the range
  }

  /** Streaming defaults: 1 h lateness, unbounded, every row, the default catalog. */
  public static MetricOptions defaults() {
    return new MetricOptions(
        DEFAULT_LATENESS,
        false,
        null,
        null,
        PlanCatalog.defaultCatalog(),
        DEFAULT_RETENTION_MARGIN,
        TenantStateCache.DEFAULT_CAPACITY);
  }

  public MetricOptions withAllowedLateness(Duration lateness) {
    return new MetricOptions(
        lateness, bounded, emitFrom, emitUntil, catalog, retentionMargin, stateCacheEntries);
  }

  public MetricOptions withBounded(boolean isBounded) {
    return new MetricOptions(
        allowedLateness,
        isBounded,
        emitFrom,
        emitUntil,
        catalog,
        retentionMargin,
        stateCacheEntries);
  }

  public MetricOptions withEmitRange(Instant from, Instant until) {
    return new MetricOptions(
        allowedLateness, bounded, from, until, catalog, retentionMargin, stateCacheEntries);
  }

  public MetricOptions withCatalog(PlanCatalog planCatalog) {
    return new MetricOptions(
        allowedLateness,
        bounded,
        emitFrom,
        emitUntil,
        planCatalog,
        retentionMargin,
        stateCacheEntries);
  }

  public MetricOptions withRetentionMargin(Duration margin) {
    return new MetricOptions(
        allowedLateness, bounded, emitFrom, emitUntil, catalog, margin, stateCacheEntries);
  }

  public MetricOptions withStateCacheEntries(int entries) {
    return new MetricOptions(
        allowedLateness, bounded, emitFrom, emitUntil, catalog, retentionMargin, entries);
  }

  public EmitRange emitRange() {
    return new EmitRange(emitFrom, emitUntil);
  }

  public CatalogView catalogView() {
    return CatalogView.of(catalog);
  }
}
