package dev.tenantpulse.collector;

import dev.tenantpulse.tenancy.events.EventLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the collector can be told, under {@code tenant-pulse.collector}. A bad value stops
 * start-up with a message naming the property.
 *
 * @param topic the Kafka topic events go to
 * @param ackTimeout how long a request waits for Kafka to acknowledge its events before it answers
 *     503 (and counts nothing as accepted)
 * @param adminToken bearer token of the admin API (/admin/**); empty disables that API unless
 *     {@code usersFile} names users
 * @param usersFile a users file ({@code users.json}, managed by the console's {@code /api/users} or
 *     {@code bin/tenant-pulse users}) whose admins may use the admin API with HTTP Basic; empty:
 *     none
 * @param rateLimit per-key request budget
 * @param seedKeys API keys created at start when absent (for the embedded default and demos)
 * @param embeddedKafka a KRaft broker inside this process instead of external bootstrap servers
 * @param keyCacheTtl how long an authenticated API key is trusted without asking the database; a
 *     revocation on another replica takes effect within it (0: ask on every request)
 * @param upgradeUrl where the entitlements API's 402 answers send users to upgrade
 * @param events what the collector accepts of an event beyond the contract's fixed rules
 */
@Validated
@ConfigurationProperties("tenant-pulse.collector")
public record CollectorProperties(
    @DefaultValue("tenant-events") @NotBlank String topic,
    @DefaultValue("5s") @NotNull Duration ackTimeout,
    @DefaultValue("") String adminToken,
    @DefaultValue @Valid RateLimit rateLimit,
    @DefaultValue List<@Valid SeedKey> seedKeys,
    @DefaultValue @Valid EmbeddedKafka embeddedKafka,
    @DefaultValue("30s") @NotNull @DurationMin(seconds = 0) Duration keyCacheTtl,
    @DefaultValue("/settings/billing") @NotBlank String upgradeUrl,
    @DefaultValue Events events,
    @DefaultValue("") String usersFile) {

  /**
   * Token bucket per API key.
   *
   * @param eventsPerSecond sustained events per second per key
   * @param burstEvents events a key may send at once above the sustained rate
   */
  public record RateLimit(
      @DefaultValue("50000") @Min(1) int eventsPerSecond,
      @DefaultValue("100000") @Min(1) int burstEvents) {}

  /**
   * A key to create at start when it does not exist yet.
   *
   * @param key the secret itself (stored hashed only)
   * @param tenantId the one tenant a client key may write; blank for a server key (all tenants)
   */
  public record SeedKey(@NotBlank String name, @NotBlank String key, String tenantId) {}

  /**
   * @param enabled start a broker in this process and point the producer at it
   * @param dataDir its log directory (kept across restarts)
   * @param port its PLAINTEXT port (0: any free port)
   */
  public record EmbeddedKafka(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("data/kafka") Path dataDir,
      @DefaultValue("9092") @Min(0) int port,
      @DefaultValue("4") @Min(1) int partitions) {}

  /**
   * @param earliestTimestamp events whose timestamp is before it are rejected (ISO-8601 instant,
   *     e.g. {@code 2000-01-01T00:00:00Z}); it must lie within what the warehouse stores ({@link
   *     EventLimits#STORABLE_FROM} on) and not after the start-up time, else no event could pass
   */
  public record Events(@DefaultValue("2000-01-01T00:00:00Z") Instant earliestTimestamp) {

    static final String EARLIEST_TIMESTAMP = "tenant-pulse.collector.events.earliest-timestamp";

    public Events {
      // Checked here rather than by annotations: one message names the property and the range,
      // and a value past now would silently reject every event.
      if (earliestTimestamp == null
          || earliestTimestamp.isBefore(EventLimits.STORABLE_FROM)
          || earliestTimestamp.isAfter(Instant.now())) {
        throw new IllegalArgumentException(
            EARLIEST_TIMESTAMP
                + " must be an ISO-8601 instant between "
                + EventLimits.STORABLE_FROM
                + " (the first instant ClickHouse's DateTime64(3) stores) and now; got "
                + (earliestTimestamp == null ? "nothing" : earliestTimestamp));
      }
    }
  }
}
