package dev.tenantpulse.billing.export;

import dev.tenantpulse.billing.ledger.Send;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The export's metrics: {@code billing_export_sent_total} (meter events Stripe accepted), {@code
 * billing_export_failures_total} (by {@code reason}: rate_limited, transient, refused), {@code
 * billing_export_pending} (windows owing units or holding an unsettled send after the last cycle)
 * and {@code billing_export_lag_seconds} (age of the oldest such window's end; 0 when all is sent).
 */
public final class BillingMetrics {

  private final MeterRegistry registry;
  private final Counter sent;
  private final Timer calls;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong lagSeconds = new AtomicLong();
  private final AtomicLong lastCycleEnd = new AtomicLong();

  public BillingMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.sent =
        Counter.builder("billing_export_sent")
            .description("Meter events Stripe accepted")
            .register(registry);
    this.calls =
        Timer.builder("billing_export_call")
            .publishPercentiles(0.5, 0.99)
            .description("Duration of one call to Stripe's meter event endpoint")
            .register(registry);
    registry.gauge("billing_export_pending", pending);
    registry.gauge("billing_export_lag_seconds", lagSeconds);
    registry.gauge("billing_export_last_cycle_end_seconds", lastCycleEnd);
  }

  void sent(Send send) {
    sent.increment();
  }

  void failed(String reason) {
    Counter.builder("billing_export_failures")
        .description("Calls to Stripe that failed, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void callTook(long nanos) {
    calls.record(nanos, TimeUnit.NANOSECONDS);
  }

  void cycleEnded(long pendingWindows, long lag, long endEpochSecond) {
    pending.set(pendingWindows);
    lagSeconds.set(lag);
    lastCycleEnd.set(endEpochSecond);
  }

  public long pending() {
    return pending.get();
  }

  public long lagSeconds() {
    return lagSeconds.get();
  }

  public double sentTotal() {
    return sent.count();
  }
}
