package dev.tenantpulse.billing.service;

import dev.tenantpulse.billing.export.CycleReport;
import dev.tenantpulse.billing.export.ExportOptions;
import dev.tenantpulse.billing.export.Exporter;
import dev.tenantpulse.billing.reconcile.Reconciliation;
import dev.tenantpulse.billing.reconcile.ReconciliationRow;
import dev.tenantpulse.billing.reconcile.ReconciliationTable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs export cycles every {@code interval} while enabled, one at a time (the scheduled ones and
 * those an operator starts share a lock), then writes the reconciliation rows that changed.
 */
@Component
class ExportRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);

  /** The last cycle, or its failure. */
  record LastCycle(Instant at, CycleReport report, String error) {}

  private final Exporter exporter;
  private final Reconciliation reconciliation;
  private final ReconciliationTable table;
  private final BillingProperties properties;
  private final Clock clock;
  private final ReentrantLock oneAtATime = new ReentrantLock();
  private final Map<List<Object>, ReconciliationRow> written = new HashMap<>();
  private volatile LastCycle last;
  private ScheduledExecutorService scheduler;

  ExportRunner(
      Exporter exporter,
      Reconciliation reconciliation,
      ReconciliationTable table,
      BillingProperties properties,
      Clock clock) {
    this.exporter = exporter;
    this.reconciliation = reconciliation;
    this.table = table;
    this.properties = properties;
    this.clock = clock;
  }

  LastCycle last() {
    return last;
  }

  Exporter exporter() {
    return exporter;
  }

  /** One cycle now with {@code options}; the scheduled one waits for it. */
  CycleReport runNow(ExportOptions options) throws InterruptedException {
    oneAtATime.lockInterruptibly();
    try {
      Exporter run = options.equals(exporter.options()) ? exporter : exporter.withOptions(options);
      CycleReport report = run.runCycle();
      if (!options.dryRun()) {
        last = new LastCycle(clock.instant(), report, null);
        writeReconciliation(run);
      }
      return report;
    } finally {
      oneAtATime.unlock();
    }
  }

  private void scheduled() {
    try {
      CycleReport r = runNow(exporter.options());
      log.info(
          "billing export cycle: {} hours read, {} changed, {} sends, {} skipped tenants,"
              + " {} stopped, {} expired windows",
          r.windowsRead(),
          r.windowsChanged(),
          r.planned().size(),
          r.skippedTenants().size(),
          r.stoppedTenants().size(),
          r.expired().size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The next cycle starts from the ledger; the failure is visible in the API and the metrics.
      last = new LastCycle(clock.instant(), last == null ? null : last.report(), String.valueOf(e));
      log.warn("billing export cycle failed: {}", e.toString());
    }
  }

  /** Rows that changed since this process last wrote them (all of them after a restart). */
  private void writeReconciliation(Exporter run) {
    if (!properties.clickhouse().writeReconciliation()) {
      return;
    }
    Instant now = clock.instant();
    List<ReconciliationRow> changed = new ArrayList<>();
    for (ReconciliationRow r :
        reconciliation.hourly(
            Instant.ofEpochSecond(run.fromSecond(now)),
            Instant.ofEpochSecond(run.closedUntilSecond(now)))) {
      List<Object> key = List.of(r.tenantId(), r.meter(), r.hour());
      if (!r.equals(written.get(key))) {
        changed.add(r);
      }
    }
    table.write(changed, now.toEpochMilli());
    changed.forEach(r -> written.put(List.of(r.tenantId(), r.meter(), r.hour()), r));
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      log.info("billing export is off (tenant-pulse.billing.enabled=false)");
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("billing-export").daemon().factory());
    long every = properties.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::scheduled, 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
