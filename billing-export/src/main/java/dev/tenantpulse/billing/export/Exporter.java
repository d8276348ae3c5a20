package dev.tenantpulse.billing.export;

import dev.tenantpulse.billing.ledger.Identifiers;
import dev.tenantpulse.billing.ledger.Ledger;
import dev.tenantpulse.billing.ledger.LedgerWindow;
import dev.tenantpulse.billing.ledger.Send;
import dev.tenantpulse.billing.ledger.SendState;
import dev.tenantpulse.billing.ledger.WindowBalance;
import dev.tenantpulse.billing.ledger.WindowKey;
import dev.tenantpulse.billing.stripe.StripeClient;
import dev.tenantpulse.billing.usage.MeasuredHour;
import dev.tenantpulse.billing.usage.UsageSource;
import dev.tenantpulse.tenancy.catalog.BillingMeter;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One export cycle: measured closed hours into the ledger, then what Stripe is owed out as meter
 * events, each recorded before its call and settled after it.
 *
 * <p>Why a crash anywhere neither loses nor doubles: the ledger's targets are recomputed from the
 * warehouse every cycle; a window's owed units are its target less what its sends carry (sent or
 * pending), so a send is created only once its amount is recorded; a pending send is sent again
 * with the same identifier until Stripe's answer is recorded, and Stripe counts an identifier once.
 * A window holding a pending send gets no new revision until it is settled. Not thread-safe: run
 * one cycle at a time per ledger (the service schedules it so).
 */
public final class Exporter {

  private final UsageSource usage;
  private final Ledger ledger;
  private final PlanCatalog catalog;
  private final Clock clock;
  private final ExportOptions options;
  private final BillingMetrics metrics;
  private final Sender sender;
  private final StripeClient stripe;

  public Exporter(
      UsageSource usage,
      Ledger ledger,
      StripeClient stripe,
      PlanCatalog catalog,
      Clock clock,
      ExportOptions options,
      BillingMetrics metrics) {
    this.usage = usage;
    this.ledger = ledger;
    this.catalog = catalog;
    this.clock = clock;
    this.options = options;
    this.metrics = metrics;
    this.stripe = stripe;
    this.sender = new Sender(stripe, ledger, clock, options, metrics);
  }

  /** The same exporter run with other options (an operator's dry run or backfill). */
  public Exporter withOptions(ExportOptions other) {
    return new Exporter(usage, ledger, stripe, catalog, clock, other, metrics);
  }

  /** Whether it has a Stripe key; without one only dry runs are possible. */
  public boolean canSend() {
    return stripe != null;
  }

  public ExportOptions options() {
    return options;
  }

  /** The first window start a cycle at {@code now} considers (see {@link Targets}). */
  public long fromSecond(Instant now) {
    Instant monthOfOldest =
        now.minus(ExportOptions.STRIPE_MAX_AGE)
            .atZone(ZoneOffset.UTC)
            .withDayOfMonth(1)
            .truncatedTo(ChronoUnit.DAYS)
            .toInstant();
    Instant backfill =
        options.backfillFrom() != null
            ? options.backfillFrom().truncatedTo(ChronoUnit.HOURS)
            : now.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    return (backfill.isAfter(monthOfOldest) ? backfill : monthOfOldest).getEpochSecond();
  }

  /** Hours starting before this are closed and past the grace at {@code now}. */
  public long closedUntilSecond(Instant now) {
    return now.minus(options.grace()).truncatedTo(ChronoUnit.HOURS).getEpochSecond();
  }

  public CycleReport runCycle() throws InterruptedException {
    if (!options.dryRun() && stripe == null) {
      throw new IllegalStateException("no Stripe secret key is configured: only dry runs can run");
    }
    Instant now = clock.instant();
    long from = fromSecond(now);
    long closedUntil = closedUntilSecond(now);
    long oldestSendable =
        now.minus(ExportOptions.STRIPE_MAX_AGE).plus(ExportOptions.AGE_MARGIN).getEpochSecond();
    Map<String, BillingMeter> meters =
        catalog.billingMeters().stream()
            .collect(Collectors.toMap(BillingMeter::meter, Function.identity()));

    List<MeasuredHour> hours = usage.hoursAcrossTenants(from, closedUntil, meters.keySet());
    List<LedgerWindow> targets = Targets.of(hours, meters);
    Map<WindowKey, LedgerWindow> known = ledger.windowsFrom(from);
    List<LedgerWindow> changed = new ArrayList<>();
    for (LedgerWindow w : targets) {
      if (!w.equals(known.get(w.key()))) {
        changed.add(w);
      }
    }
    if (!options.dryRun()) {
      ledger.saveWindows(changed, now.toEpochMilli());
    }

    Map<String, String> customers = new HashMap<>(usage.customersAcrossTenants());
    customers.putAll(ledger.customerOverrides());
    Map<String, String> stops = new LinkedHashMap<>(ledger.stops());

    List<Send> resend = new ArrayList<>();
    List<Send> fresh = new ArrayList<>();
    List<WindowBalance> expired = new ArrayList<>();
    SortedSet<String> skipped = new TreeSet<>();
    for (Send p : ledger.pending()) {
      if (p.key().windowStart() < oldestSendable) {
        continue; // reported below with its window: Stripe would refuse its timestamp
      }
      if (!stops.containsKey(p.key().tenantId())) {
        resend.add(p);
      }
    }
    List<WindowBalance> balances =
        options.dryRun()
            ? dryRunBalances(targets, from, closedUntil)
            : ledger.balances(from, closedUntil);
    long oldestOwed = Long.MAX_VALUE;
    long owedWindows = 0;
    for (WindowBalance b : balances) {
      long owed = b.owedUnits();
      if (owed == 0 && b.pendingUnits() == 0) {
        continue;
      }
      WindowKey key = b.key();
      if (key.windowStart() < oldestSendable) {
        expired.add(b);
        continue;
      }
      owedWindows++;
      oldestOwed = Math.min(oldestOwed, key.windowStart());
      if (owed == 0 || b.pendingUnits() != 0 || stops.containsKey(key.tenantId())) {
        continue;
      }
      String customer =
          b.firstCustomer() != null ? b.firstCustomer() : customers.get(key.tenantId());
      if (customer == null) {
        skipped.add(key.tenantId());
        continue;
      }
      int revision = b.lastRevision() + 1;
      fresh.add(
          new Send(
              key,
              revision,
              Identifiers.of(key, revision),
              customer,
              meters.get(key.meter()).stripeEventName(),
              owed,
              SendState.PENDING,
              0,
              null));
    }
    List<Send> planned = new ArrayList<>(resend);
    planned.addAll(fresh);
    SendStats stats = null;
    if (!options.dryRun()) {
      ledger.recordPending(fresh, now.toEpochMilli());
      stats =
          sender.sendAll(
              planned,
              stops.keySet(),
              fresh.stream().map(Send::identifier).collect(Collectors.toSet()));
      stops = ledger.stops();
      long settledWindows = stats.accepted().stream().map(Send::key).distinct().count();
      owedWindows = Math.max(0, owedWindows - settledWindows);
      if (owedWindows == 0) {
        oldestOwed = Long.MAX_VALUE;
      }
    }
    long endSecond = clock.instant().getEpochSecond();
    long lag = oldestOwed == Long.MAX_VALUE ? 0 : Math.max(0, endSecond - (oldestOwed + 3600));
    metrics.cycleEnded(owedWindows, lag, endSecond);
    return new CycleReport(
        Instant.ofEpochSecond(closedUntil),
        hours.size(),
        changed.size(),
        List.copyOf(planned),
        List.copyOf(expired),
        skipped,
        Map.copyOf(stops),
        options.dryRun(),
        stats);
  }

  /**
   * In dry-run the ledger is not written: the balances of the measured targets as they would be.
   */
  private List<WindowBalance> dryRunBalances(List<LedgerWindow> targets, long from, long until) {
    Map<WindowKey, WindowBalance> recorded = new HashMap<>();
    for (WindowBalance b : ledger.balances(from, until)) {
      recorded.put(b.key(), b);
    }
    List<WindowBalance> balances = new ArrayList<>();
    for (LedgerWindow w : targets) {
      WindowBalance r = recorded.get(w.key());
      balances.add(
          r == null
              ? new WindowBalance(w, 0, 0, -1, null, null)
              : new WindowBalance(
                  w,
                  r.sentUnits(),
                  r.pendingUnits(),
                  r.lastRevision(),
                  r.firstCustomer(),
                  r.lastError()));
    }
    return balances;
  }
}
