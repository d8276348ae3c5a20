package dev.tenantpulse.alerting;

import jakarta.validation.Valid;
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
 * Everything alerting can be told, under {@code tenant-pulse.alerting}. A bad value stops start-up
 * with a message naming the property.
 *
 * @param adminToken bearer token of the API (/api/**); empty disables the API unless {@code
 *     usersFile} names users
 * @param rulesFile where the rules live; created from the built-in rules when missing
 * @param rulesReloadInterval how often the rules file is checked for changes made by another
 *     instance or by hand (0: never)
 * @param instanceId this instance's name in evaluations and outbox claims ({@code AUTO}: host name
 *     plus a random suffix); also Quartz's instance id
 * @param clickhouse where the metric tables are
 * @param outbox delivery of notifications
 * @param historyRetention how long alert history and delivered notifications are kept
 * @param evaluationLogRetention how long the per-evaluation log (who evaluated which rule when) is
 *     kept
 * @param emailFrom sender address of email notifications
 * @param secrets which secrets rules documents may refer to
 * @param usersFile a users file ({@code users.json}) whose users may use the API with HTTP Basic,
 *     each as far as their role allows; empty: none
 * @param noDataGrace how long after this install first evaluated a rule (recorded in the metadata
 *     database, so restarts keep it) a rule whose table has never had a row waits for its first
 *     data instead of paging no_data; at least the rule's {@code no_data_after}. 3 h by default: a
 *     fresh pipeline's first hourly row appears about an hour after its first event (the hour
 *     closes 30 s after its end, the idle timeout and the sink's checkpoint add minutes), and the
 *     built-in hourly rule then allows it 2 h ({@code no_data_after}) as for any row. 0: an empty
 *     table is no data once the rule's {@code no_data_after} has passed since the first evaluation
 */
@Validated
@ConfigurationProperties("tenant-pulse.alerting")
public record AlertingProperties(
    @DefaultValue("") String adminToken,
    @DefaultValue("./data/alerting-rules.yaml") @NotBlank String rulesFile,
    @DefaultValue("30s") @NotNull @DurationMin(seconds = 0) Duration rulesReloadInterval,
    @DefaultValue("AUTO") @NotBlank String instanceId,
    @DefaultValue @Valid ClickHouse clickhouse,
    @DefaultValue @Valid Outbox outbox,
    @DefaultValue("30d") @NotNull @DurationMin(hours = 1) Duration historyRetention,
    @DefaultValue("2d") @NotNull @DurationMin(minutes = 1) Duration evaluationLogRetention,
    @DefaultValue("tenant-pulse-alerting@localhost") @NotBlank String emailFrom,
    @DefaultValue @Valid Secrets secrets,
    @DefaultValue("") String usersFile,
    @DefaultValue("3h") @NotNull @DurationMin(seconds = 0) Duration noDataGrace) {

  /**
   * The {@code ${NAME}} references of channel settings, expanded from the process environment only
   * (never from Spring properties) when a notification is sent.
   *
   * @param allowedPrefix the environment variables references may name: those starting with it,
   *     e.g. {@code TENANT_PULSE_SECRET_}. Empty (the default): any variable, so the names the
   *     documentation and existing rules files use ({@code SLACK_WEBHOOK_URL}) keep working; set it
   *     in production so that a holder of the admin token cannot have alerting send, say, {@code
   *     SPRING_DATASOURCE_PASSWORD} to a URL of their choosing.
   */
  public record Secrets(
      @DefaultValue("")
          @NotNull
          @Pattern(
              regexp = "([A-Z_][A-Z0-9_]*)?",
              message = "must be the start of an environment variable name: A-Z, 0-9 and _")
          String allowedPrefix) {}

  /**
   * The ClickHouse database the Flink jobs write.
   *
   * @param url {@code jdbc:chdb:<dir>} (embedded default) or {@code jdbc:clickhouse://host:8123}
   * @param database the database holding the metric tables
   * @param user user for a ClickHouse server (ignored by chDB); a read-only one is enough
   * @param password its password
   * @param migrate bring the schema up to date at start (the embedded default owns its engine; a
   *     server's schema is migrated by {@code bin/migrate})
   */
  public record ClickHouse(
      @DefaultValue("jdbc:chdb:./data/clickhouse") @NotBlank String url,
      @DefaultValue("tenant_pulse") @NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*")
          String database,
      @DefaultValue("default") String user,
      @DefaultValue("") String password,
      @DefaultValue("false") boolean migrate) {}

  /**
   * The transactional outbox and its dispatcher.
   *
   * @param pollInterval how often due notifications are looked for (a committed evaluation wakes
   *     the dispatcher at once; polling serves retries and other instances' rows)
   * @param batchSize notifications claimed at once
   * @param claimTimeout how long a claim keeps other instances (and a restart) off a notification;
   *     longer than a delivery can take, so a crashed instance's claims are taken over after it
   * @param initialBackoff delay before the first retry; doubles on each failure
   * @param maxBackoff the longest delay between retries
   * @param maxAttempts attempts before a notification is given up (logged, counted, kept)
   * @param sendTimeout connect and response timeout of one delivery
   * @param crashBeforeSend fault injection for crash tests: what the dispatcher does after it has
   *     committed its claim and before it sends; never set it in production
   */
  public record Outbox(
      @DefaultValue("2s") @NotNull @DurationMin(millis = 10) Duration pollInterval,
      @DefaultValue("20") @Min(1) int batchSize,
      @DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration claimTimeout,
      @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
      @DefaultValue("30m") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
      @DefaultValue("12") @Min(1) int maxAttempts,
      @DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration sendTimeout,
      @DefaultValue("NONE") @NotNull CrashPoint crashBeforeSend) {}

  /** What the dispatcher does at the crash point (tests only). */
  public enum CrashPoint {
    /** Nothing: deliver. */
    NONE,
    /** Stop dispatching for good, as if the process had died there (in-JVM tests). */
    STOP_DISPATCHER,
    /** {@code Runtime.halt}: the process dies at once, no shutdown hooks (child-process tests). */
    HALT_JVM
  }
}
