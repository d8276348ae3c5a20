package dev.tenantpulse.collector.reads;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The tenant-facing read API, under {@code tenant-pulse.collector.tenant-reads}. A bad value stops
 * start-up with a message naming the property.
 *
 * @param warehouseUrl the metric tables: {@code jdbc:chdb:<dir>} (the one-process runtime hands in
 *     its engine's URL) or {@code jdbc:clickhouse://host:8123}; empty: the read API answers 503
 * @param user the ClickHouse server user (ignored by chDB): the dedicated {@code tenant_reader} of
 *     deploy/, whose row policies admit only the tenant in {@code tenantSetting}
 * @param tenantSetting the custom setting the row policies read ({@code SQL_tenant_id}); empty on
 *     chDB, which knows no custom settings
 * @param maxRows the most rows one read answers; longer answers are refused (422)
 * @param readsPerSecond sustained reads per second per credential (API key or portal token)
 * @param burstReads reads a credential may make at once above that
 * @param corsAllowedOrigins origins whose pages may call the read paths from a browser (portal
 *     tokens); empty: none
 * @param portalTokens the signing secret and lifetimes of portal tokens
 */
@Validated
@ConfigurationProperties("tenant-pulse.collector.tenant-reads")
public record TenantReadsProperties(
    @DefaultValue("") String warehouseUrl,
    @DefaultValue("tenant_pulse") @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}") String database,
    @DefaultValue("default") String user,
    @DefaultValue("") String password,
    @DefaultValue("") @Pattern(regexp = "(SQL_[A-Za-z0-9_]{1,60})?") String tenantSetting,
    @DefaultValue("10000") @Min(1) int maxRows,
    @DefaultValue("20") @Min(1) int readsPerSecond,
    @DefaultValue("40") @Min(1) int burstReads,
    @DefaultValue List<String> corsAllowedOrigins,
    @DefaultValue @Valid PortalTokens portalTokens) {

  /**
   * @param secret HMAC-SHA256 key, at least 32 characters ({@code
   *     ${TENANT_PULSE_PORTAL_TOKEN_SECRET}}); empty: portal tokens are disabled
   * @param defaultTtl a token's lifetime when the request names none
   * @param maxTtl the longest lifetime a request may ask for
   */
  public record PortalTokens(
      @DefaultValue("") String secret,
      @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) Duration defaultTtl,
      @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration maxTtl) {

    public PortalTokens {
      if (secret != null && !secret.isEmpty() && secret.length() < 32) {
        throw new IllegalArgumentException(
            "tenant-pulse.collector.tenant-reads.portal-tokens.secret must have at least 32"
                + " characters (a random one, from TENANT_PULSE_PORTAL_TOKEN_SECRET)");
      }
    }
  }
}
