package dev.tenantpulse.alerting.metrics;

import dev.tenantpulse.alerting.evaluation.ActiveTenantsEvaluator.HourRow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The newest business figures as Micrometer gauges, so Prometheus and Grafana alerting see what the
 * rules see: {@code tenant_pulse_active_tenants_24h}, {@code
 * tenant_pulse_active_tenants_weekly_avg}, {@code tenant_pulse_active_tenants_drop_ratio} and
 * {@code tenant_pulse_active_tenants_window_end_seconds}, tagged {@code plan} ({@code all} for the
 * overall figure). Updated by every evaluation of an {@code active_tenants_drop} rule; NaN where
 * the table has NULL (no weekly average yet).
 */
@Component
public class BusinessGauges {

  public static final String OVERALL = "all";

  private final MeterRegistry registry;
  private final Map<String, AtomicReference<HourRow>> newest = new ConcurrentHashMap<>();

  public BusinessGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  public void recordActiveTenants(HourRow row) {
    String plan = row.plan() == null ? OVERALL : row.plan();
    newest.computeIfAbsent(plan, this::register).set(row);
  }

  private AtomicReference<HourRow> register(String plan) {
    AtomicReference<HourRow> ref = new AtomicReference<>();
    gauge(
        "tenant_pulse.active_tenants.24h",
        "Distinct active tenants in the newest closed 24 h window",
        plan,
        ref,
        r -> r.active24h());
    gauge(
        "tenant_pulse.active_tenants.weekly_avg",
        "Mean active_24h of the same hour on the 7 days before",
        plan,
        ref,
        r -> orNaN(r.weeklyAvg()));
    gauge(
        "tenant_pulse.active_tenants.drop_ratio",
        "1 - active_24h / weekly_avg of the newest closed hour",
        plan,
        ref,
        r -> orNaN(r.dropRatio()));
    gauge(
        "tenant_pulse.active_tenants.window_end.seconds",
        "End of the newest closed hour, Unix seconds",
        plan,
        ref,
        r -> r.windowEnd().getEpochSecond());
    return ref;
  }

  private void gauge(
      String name,
      String help,
      String plan,
      AtomicReference<HourRow> ref,
      ToDoubleFunction<HourRow> value) {
    Gauge.builder(name, ref, r -> r.get() == null ? Double.NaN : value.applyAsDouble(r.get()))
        .description(help)
        .tag("plan", plan)
        .register(registry);
  }

  private static double orNaN(Double d) {
    return d == null ? Double.NaN : d;
  }
}
