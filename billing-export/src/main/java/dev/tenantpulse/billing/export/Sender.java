package dev.tenantpulse.billing.export;

import dev.tenantpulse.billing.ledger.Ledger;
import dev.tenantpulse.billing.ledger.Send;
import dev.tenantpulse.billing.ledger.SendState;
import dev.tenantpulse.billing.stripe.SendOutcome;
import dev.tenantpulse.billing.stripe.StripeClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes recorded sends, settling each in the ledger after Stripe's answer.
 *
 * <p>Sends are grouped by customer and Stripe meter and each group runs on one thread, in window
 * order: Stripe allows one concurrent call per customer and meter. Every call first takes a slot of
 * the {@link RateCeiling}. 429, 5xx, timeouts and dropped connections are retried with {@link
 * Backoff} (same identifier, so a call that did reach Stripe is not counted twice); after {@code
 * maxAttempts} the send stays pending for the next cycle. Another 4xx settles the send as failed
 * and stops its tenant: Stripe would refuse the rest for the same reason.
 */
final class Sender {

  private final StripeClient stripe;
  private final Ledger ledger;
  private final Clock clock;
  private final ExportOptions options;
  private final RateCeiling ceiling;
  private final BillingMetrics metrics;

  Sender(
      StripeClient stripe,
      Ledger ledger,
      Clock clock,
      ExportOptions options,
      BillingMetrics metrics) {
    this.stripe = stripe;
    this.ledger = ledger;
    this.clock = clock;
    this.options = options;
    this.metrics = metrics;
    this.ceiling = new RateCeiling(options.callsPerSecond());
  }

  /**
   * @param fresh identifiers of the sends recorded by this cycle: never called before (a resent
   *     pending one may have been in flight when a previous run died)
   */
  SendStats sendAll(List<Send> sends, Set<String> stoppedTenants, Set<String> fresh)
      throws InterruptedException {
    Map<String, List<Send>> groups = new LinkedHashMap<>();
    for (Send s : sends) {
      groups
          .computeIfAbsent(s.customerId() + '\u0000' + s.eventName(), k -> new ArrayList<>())
          .add(s);
    }
    Set<String> stopped = ConcurrentHashMap.newKeySet();
    stopped.addAll(stoppedTenants);
    List<Send> accepted = Collections.synchronizedList(new ArrayList<>());
    List<Send> pending = Collections.synchronizedList(new ArrayList<>());
    List<Send> refused = Collections.synchronizedList(new ArrayList<>());
    AtomicLong rateLimited = new AtomicLong();
    AtomicLong transients = new AtomicLong();
    int threads = Math.max(1, Math.min(options.concurrency(), groups.size()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().name("billing-send-", 0).daemon().factory());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (List<Send> group : groups.values()) {
        futures.add(
            pool.submit(
                () -> {
                  for (Send send : group) {
                    if (stopped.contains(send.key().tenantId())) {
                      skipStopped(send, fresh.contains(send.identifier()), pending);
                      continue;
                    }
                    sendOne(send, stopped, accepted, pending, refused, rateLimited, transients);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a sender thread failed", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new SendStats(
        List.copyOf(accepted),
        List.copyOf(pending),
        List.copyOf(refused),
        rateLimited.get(),
        transients.get());
  }

  /**
   * A send of a tenant stopped during this round. Recorded by this cycle and not yet called, it
   * cannot be at Stripe: settled as failed, so that once an operator lifts the stop (perhaps with
   * another customer) the window owes it again and gets a new revision. One from an earlier run may
   * be at Stripe (that run may have died during the call): it stays pending, with its identifier.
   */
  private void skipStopped(Send send, boolean fresh, List<Send> pending) {
    if (fresh) {
      ledger.settle(
          send, SendState.FAILED, "not sent: the tenant's export stopped", clock.millis());
    } else {
      pending.add(send);
    }
  }

  private void sendOne(
      Send send,
      Set<String> stopped,
      List<Send> accepted,
      List<Send> pending,
      List<Send> refused,
      AtomicLong rateLimited,
      AtomicLong transients)
      throws InterruptedException {
    Backoff backoff = options.backoff();
    for (int attempt = 0; attempt < options.maxAttempts(); attempt++) {
      if (attempt > 0) {
        Thread.sleep(backoff.delay(attempt - 1));
      }
      ceiling.acquire();
      long started = System.nanoTime();
      SendOutcome outcome = stripe.send(send.event());
      metrics.callTook(System.nanoTime() - started);
      switch (outcome) {
        case SendOutcome.Accepted a -> {
          ledger.settle(send, SendState.SENT, null, clock.millis());
          metrics.sent(send);
          accepted.add(send);
          return;
        }
        case SendOutcome.Refused r -> {
          String reason =
              "Stripe refused " + send.identifier() + " (HTTP " + r.status() + "): " + r.message();
          ledger.settle(send, SendState.FAILED, reason, clock.millis());
          ledger.stop(send.key().tenantId(), reason, clock.millis());
          stopped.add(send.key().tenantId());
          metrics.failed("refused");
          refused.add(send);
          return;
        }
        case SendOutcome.RateLimited r -> {
          rateLimited.incrementAndGet();
          metrics.failed("rate_limited");
          ledger.attemptFailed(send, "HTTP 429: " + r.message());
        }
        case SendOutcome.Transient t -> {
          transients.incrementAndGet();
          metrics.failed("transient");
          ledger.attemptFailed(send, t.message());
        }
      }
    }
    pending.add(send);
  }
}
