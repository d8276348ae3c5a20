package dev.tenantpulse.billing.support;

import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedUsageHour;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.tenancy.catalog.BillingMeter;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scenario's usage per tenant, meter and hour as the oracle computes it (it shares no code with
 * the jobs or the exporter), and what Stripe must then hold: per customer, Stripe meter and hour,
 * the hour's quantity in whole units of the meter (the scenario's quantities are whole multiples of
 * the units, so no remainder is carried and each hour's units are exact).
 */
public record ScenarioUsage(List<ExpectedUsageHour> hours, Instant start, Instant end) {

  public static ScenarioUsage of(long seed, int tenants, int days) {
    ScenarioConfig config =
        new ScenarioConfig(
            seed,
            tenants,
            days,
            ScenarioConfig.DEFAULT_START,
            Math.max(1, days - 1),
            0.3,
            0.02,
            0,
            Duration.ofMinutes(5),
            4.0,
            0.85);
    var expected =
        MetricOracle.compute(
            ScenarioGenerator.generate(config).arrivals(), OracleOptions.streaming());
    if (expected.usageHours().size() < 20) {
      throw new IllegalArgumentException(
          "a scenario this small has too little usage to prove anything: "
              + expected.usageHours().size()
              + " hours");
    }
    return new ScenarioUsage(
        expected.usageHours(),
        ScenarioConfig.DEFAULT_START,
        ScenarioConfig.DEFAULT_START.plus(Duration.ofDays(days)));
  }

  public static String customerOf(String tenantId) {
    return "cus_" + tenantId.replaceAll("[^A-Za-z0-9]", "");
  }

  public List<UsageTables.Hour> rows() {
    return hours.stream()
        .map(h -> new UsageTables.Hour(h.tenantId(), h.meter(), h.hour(), h.quantity()))
        .toList();
  }

  /** (customer|event name) → (hour start → units), only the meters the catalog bills. */
  public Map<String, Map<Long, Long>> expectedAtStripe(PlanCatalog catalog) {
    Map<String, Map<Long, Long>> expected = new TreeMap<>();
    for (ExpectedUsageHour h : hours) {
      BillingMeter meter = catalog.billingMeter(h.meter()).orElse(null);
      if (meter == null) {
        continue;
      }
      long units =
          new BigDecimal(Double.toString(h.quantity()))
              .divide(meter.unit(), 0, RoundingMode.UNNECESSARY)
              .longValueExact();
      if (units != 0) {
        expected
            .computeIfAbsent(
                customerOf(h.tenantId()) + "|" + meter.stripeEventName(), k -> new TreeMap<>())
            .put(h.hour().getEpochSecond(), units);
      }
    }
    return expected;
  }
}
