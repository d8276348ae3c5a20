package dev.tenantpulse.billing.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the billing export can be told, under {@code tenant-pulse.billing}. A bad value stops
 * start-up with a message naming the property.
 *
 * @param enabled off by default: nothing is read or sent until an operator turns it on
 * @param dryRun compute and report what would be sent; no call to Stripe, no send recorded
 * @param interval time between two cycles
 * @param grace how long after an hour's end it is first sent (the pipeline's lateness bound)
 * @param backfillFrom an ISO date (UTC); no hour before it is ever sent. Empty: the start of the
 *     current month when a cycle runs
 * @param callsPerSecond ceiling on calls to Stripe (live: up to 1,000; test mode: keep it low)
 * @param concurrency sender threads (one customer and meter on one thread at a time)
 * @param maxAttempts calls per send and cycle (429, 5xx, timeouts) before it waits for the next
 * @param catalogFile a customised plan catalog (JSON); empty: the built-in one
 * @param adminToken bearer token of the operator API ({@code /api/billing/**}); empty: disabled
 *     unless {@code usersFile} names users
 */
@Validated
@ConfigurationProperties("tenant-pulse.billing")
public record BillingProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("false") boolean dryRun,
    @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration interval,
    @DefaultValue("1h") @NotNull @DurationMin(seconds = 0) Duration grace,
    @DefaultValue("")
        @Pattern(
            regexp = "|\\d{4}-\\d{2}-\\d{2}",
            message = "must be an ISO date (2026-01-31) or empty")
        String backfillFrom,
    @DefaultValue("20") @DecimalMin(value = "0", inclusive = false) @DecimalMax("10000")
        double callsPerSecond,
    @DefaultValue("8") @Min(1) @Max(256) int concurrency,
    @DefaultValue("6") @Min(1) @Max(100) int maxAttempts,
    @DefaultValue("500ms") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
    @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
    @DefaultValue("") String catalogFile,
    @DefaultValue("") String adminToken,
    @DefaultValue("") String usersFile,
    @DefaultValue @Valid Stripe stripe,
    @DefaultValue @Valid ClickHouse clickhouse) {

  /**
   * @param apiBase Stripe's API (a local fake in tests)
   * @param secretKey bound from {@code STRIPE_SECRET_KEY} only (see application.yaml); never
   *     logged, never in an API answer
   * @param timeout one call, connection included
   */
  public record Stripe(
      @DefaultValue("https://api.stripe.com") @NotBlank String apiBase,
      @DefaultValue("") String secretKey,
      @DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration timeout) {

    @Override
    public String toString() {
      return "Stripe[apiBase="
          + apiBase
          + ", secretKey="
          + (secretKey.isBlank() ? "unset" : "set")
          + ", timeout="
          + timeout
          + "]";
    }
  }

  /**
   * @param url {@code jdbc:chdb:<dir>} embedded, {@code jdbc:clickhouse://host:8123} for a server
   * @param writeReconciliation whether each cycle writes {@code billing_reconciliation}
   */
  public record ClickHouse(
      @DefaultValue("jdbc:chdb:./data/clickhouse") @NotBlank String url,
      @DefaultValue("") String user,
      @DefaultValue("") String password,
      @DefaultValue("tenant_pulse") @NotBlank String database,
      @DefaultValue("true") boolean writeReconciliation) {

    @Override
    public String toString() {
      return "ClickHouse[url=" + url + ", database=" + database + "]";
    }
  }
}
