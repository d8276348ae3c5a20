package dev.tenantpulse.billing.service;

import dev.tenantpulse.access.web.ApiException;
import dev.tenantpulse.billing.export.BillingMetrics;
import dev.tenantpulse.billing.export.CycleReport;
import dev.tenantpulse.billing.export.ExportOptions;
import dev.tenantpulse.billing.ledger.Ledger;
import dev.tenantpulse.billing.ledger.Send;
import dev.tenantpulse.billing.reconcile.Reconciliation;
import dev.tenantpulse.tenancy.events.IdPattern;
import dev.tenantpulse.tenancy.events.StripeCustomerId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator API of the billing export (JSON in snake_case). */
@RestController
@RequestMapping("/api/billing")
class BillingController {

  record Status(
      boolean enabled,
      boolean dryRun,
      Instant lastCycleAt,
      String lastError,
      Instant closedUntil,
      SortedSet<String> skippedTenants,
      Map<String, String> stoppedTenants,
      int expiredWindows,
      long pendingWindows,
      long lagSeconds,
      double sentTotal) {}

  record PlannedSend(
      String tenantId, String meter, Instant hour, int revision, String identifier, long units) {
    static PlannedSend of(Send s) {
      return new PlannedSend(
          s.key().tenantId(),
          s.key().meter(),
          s.key().start(),
          s.revision(),
          s.identifier(),
          s.units());
    }
  }

  record RunResult(
      boolean dryRun,
      Instant closedUntil,
      int windowsRead,
      int windowsChanged,
      List<PlannedSend> sends,
      long accepted,
      long leftPending,
      long refused,
      long rateLimited,
      SortedSet<String> skippedTenants,
      Map<String, String> stoppedTenants,
      int expiredWindows) {}

  record CustomerBody(String stripeCustomerId) {}

  private final ExportRunner runner;
  private final Reconciliation reconciliation;
  private final Ledger ledger;
  private final BillingMetrics metrics;
  private final BillingProperties properties;
  private final Clock clock;

  BillingController(
      ExportRunner runner,
      Reconciliation reconciliation,
      Ledger ledger,
      BillingMetrics metrics,
      BillingProperties properties,
      Clock clock) {
    this.runner = runner;
    this.reconciliation = reconciliation;
    this.ledger = ledger;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  @GetMapping("/status")
  Status status() {
    ExportRunner.LastCycle last = runner.last();
    CycleReport r = last == null ? null : last.report();
    return new Status(
        properties.enabled(),
        properties.dryRun(),
        last == null ? null : last.at(),
        last == null ? null : last.error(),
        r == null ? null : r.closedUntil(),
        r == null ? new java.util.TreeSet<>() : r.skippedTenants(),
        ledger.stops(),
        r == null ? 0 : r.expired().size(),
        metrics.pending(),
        metrics.lagSeconds(),
        metrics.sentTotal());
  }

  /** Measured vs exported per tenant, meter and period; [from, until) as ISO dates (UTC). */
  @GetMapping("/reconciliation")
  List<Reconciliation.Summary> reconciliation(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String until,
      @RequestParam(defaultValue = "month") String period,
      @RequestParam(required = false) String tenant) {
    Instant now = clock.instant();
    Instant start = from == null ? now.minus(ExportOptions.STRIPE_MAX_AGE) : date("from", from);
    Instant end = until == null ? now : date("until", until);
    Reconciliation.Period p;
    try {
      p = Reconciliation.Period.valueOf(period.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad_period", "period must be hour, day or month");
    }
    if (tenant != null && !IdPattern.matches(tenant)) {
      throw ApiException.badRequest("bad_tenant", "tenant must match " + IdPattern.REGEX);
    }
    return reconciliation.summarise(start, end, p, tenant);
  }

  @PutMapping("/tenants/{tenant}/customer")
  Map<String, String> setCustomer(@PathVariable String tenant, @RequestBody CustomerBody body) {
    if (!IdPattern.matches(tenant)) {
      throw ApiException.badRequest("bad_tenant", "tenant must match " + IdPattern.REGEX);
    }
    if (body == null || !StripeCustomerId.matches(body.stripeCustomerId())) {
      throw ApiException.badRequest(
          "bad_customer", "stripe_customer_id must match " + StripeCustomerId.REGEX);
    }
    ledger.setCustomer(tenant, body.stripeCustomerId(), clock.millis());
    return Map.of("tenant_id", tenant, "stripe_customer_id", body.stripeCustomerId());
  }

  /** Lifts a stop after Stripe refused a tenant's events; the next cycle sends what is owed. */
  @DeleteMapping("/tenants/{tenant}/stop")
  ResponseEntity<Void> resume(@PathVariable String tenant) {
    if (!ledger.resume(tenant)) {
      throw new ApiException(
          HttpStatus.NOT_FOUND, "not_stopped", "tenant " + tenant + " is not stopped");
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * Erases the tenant from the ledger (windows, sends, customer, stop), for a tenant's erasure
   * where the ledger is in a database of its own (deployed); answers rows deleted per table. The
   * one-process runtime erases it with the collector's {@code DELETE /admin/tenants/{id}}.
   */
  @DeleteMapping("/tenants/{tenant}")
  Map<String, Object> eraseTenant(@PathVariable String tenant) {
    if (!IdPattern.matches(tenant)) {
      throw ApiException.badRequest("bad_tenant", "tenant must match " + IdPattern.REGEX);
    }
    return Map.of("tenant_id", tenant, "rows", ledger.eraseTenant(tenant));
  }

  /** One cycle now: {@code dry_run} to see what would be sent, {@code backfill_from} a date. */
  @PostMapping("/run")
  RunResult run(
      @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
      @RequestParam(name = "backfill_from", required = false) String backfillFrom)
      throws InterruptedException {
    ExportOptions options = runner.exporter().options().withDryRun(dryRun || properties.dryRun());
    if (backfillFrom != null) {
      options = options.withBackfillFrom(date("backfill_from", backfillFrom));
    }
    if (!options.dryRun() && !runner.exporter().canSend()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "no_stripe_key",
          "no Stripe secret key is configured (STRIPE_SECRET_KEY): only dry runs are possible");
    }
    CycleReport r = runner.runNow(options);
    return new RunResult(
        r.dryRun(),
        r.closedUntil(),
        r.windowsRead(),
        r.windowsChanged(),
        r.planned().stream().map(PlannedSend::of).toList(),
        r.stats() == null ? 0 : r.stats().accepted().size(),
        r.stats() == null ? 0 : r.stats().leftPending().size(),
        r.stats() == null ? 0 : r.stats().refused().size(),
        r.stats() == null ? 0 : r.stats().rateLimited(),
        r.skippedTenants(),
        r.stoppedTenants(),
        r.expired().size());
  }

  private static Instant date(String name, String value) {
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("bad_date", name + " must be an ISO date such as 2026-03-01");
    }
  }
}
