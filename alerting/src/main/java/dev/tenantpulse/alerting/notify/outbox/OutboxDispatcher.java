package dev.tenantpulse.alerting.notify.outbox;

import dev.tenantpulse.alerting.AlertingProperties;
import dev.tenantpulse.alerting.InstanceId;
import dev.tenantpulse.alerting.channels.ChannelSender;
import dev.tenantpulse.alerting.channels.DeliveryException;
import dev.tenantpulse.alerting.metrics.AlertingMetrics;
import dev.tenantpulse.alerting.notify.Notification;
import dev.tenantpulse.alerting.rules.ChannelConfig;
import dev.tenantpulse.alerting.rules.RulesRepository;
import dev.tenantpulse.alerting.rules.SecretReferences;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the outbox: claims due notifications (a committed claim with a timeout, so two instances
 * never send the same row at once and a crashed instance's rows are taken over after {@code
 * claim-timeout}), sends each to its channel, and marks it delivered, retried later with
 * exponential backoff, or given up after {@code max-attempts}. Delivery is at least once: a crash
 * after sending and before marking sends again, with the same idempotency key, for the receiver to
 * drop. A failure's reason is stored, shown and logged with every value of the channel's secret
 * references redacted, since a receiver may quote what it was sent.
 */
@Component
public class OutboxDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxStore outbox;
  private final RulesRepository rules;
  private final SecretReferences secrets;
  private final Map<String, ChannelSender> senders;
  private final AlertingMetrics metrics;
  private final TransactionTemplate tx;
  private final JsonMapper json;
  private final Clock clock;
  private final AlertingProperties.Outbox config;
  private final Backoff backoff;
  private final String instanceId;
  private final Semaphore wakeUp = new Semaphore(0);
  private volatile Thread thread;
  private volatile boolean running;

  public OutboxDispatcher(
      OutboxStore outbox,
      RulesRepository rules,
      SecretReferences secrets,
      List<ChannelSender> senders,
      AlertingMetrics metrics,
      TransactionTemplate tx,
      JsonMapper json,
      Clock clock,
      AlertingProperties properties,
      InstanceId instanceId) {
    this.outbox = outbox;
    this.rules = rules;
    this.secrets = secrets;
    this.senders =
        senders.stream().collect(Collectors.toMap(ChannelSender::type, Function.identity()));
    this.metrics = metrics;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
    this.config = properties.outbox();
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    this.instanceId = instanceId.value();
  }

  /** Asks for a dispatch round now (after an evaluation committed notifications). */
  public void wakeUp() {
    wakeUp.release();
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("outbox-dispatcher").daemon().start(this::loop);
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      wakeUp.release();
      try {
        t.join(config.sendTimeout().plusSeconds(1).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    log.info("outbox dispatcher {} started", instanceId);
    while (running) {
      int handled = 0;
      try {
        handled = dispatchOnce();
        metrics.outboxPending(outbox.pendingCount());
      } catch (RuntimeException e) {
        log.warn("outbox round failed (will retry): {}", e.toString());
      }
      if (handled == 0 && running) {
        try {
          wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** One round: claims due notifications and delivers them; returns how many were handled. */
  public int dispatchOnce() {
    Instant now = clock.instant();
    List<OutboxEntry> claimed =
        tx.execute(
            s ->
                outbox.claim(instanceId, now, now.plus(config.claimTimeout()), config.batchSize()));
    int handled = 0;
    for (OutboxEntry entry : claimed) {
      if (!running || !crashPoint(entry)) {
        return handled; // unsent claims expire and are taken over
      }
      deliver(entry);
      handled++;
    }
    return handled;
  }

  /** Fault injection between "decided and claimed" and "sent"; false: stop here. */
  private boolean crashPoint(OutboxEntry entry) {
    switch (config.crashBeforeSend()) {
      case NONE -> {
        return true;
      }
      case STOP_DISPATCHER -> {
        log.warn("fault injection: dispatcher stops before sending {}", entry.idempotencyKey());
        running = false;
        return false;
      }
      case HALT_JVM -> {
        log.warn("fault injection: halting the JVM before sending {}", entry.idempotencyKey());
        Runtime.getRuntime().halt(77);
        return false;
      }
      default -> throw new IllegalStateException();
    }
  }

  private void deliver(OutboxEntry entry) {
    Optional<ChannelConfig> channel = rules.current().channel(entry.channel());
    String type = channel.map(ChannelConfig::type).orElse("unknown");
    if (channel.isEmpty()) {
      giveUp(entry, type, "channel '" + entry.channel() + "' is no longer configured");
      return;
    }
    ChannelSender sender = senders.get(type);
    Notification n = json.readValue(entry.payload(), Notification.class);
    try {
      send(sender, channel.get(), n);
      tx.executeWithoutResult(s -> outbox.delivered(entry, clock.instant()));
      metrics.notification(type, "delivered");
      log.info(
          "delivered {} {} to {} ({}) after {} attempt(s)",
          entry.kind(),
          entry.idempotencyKey(),
          entry.channel(),
          type,
          entry.attempts() + 1);
    } catch (DeliveryException e) {
      int failures = entry.attempts() + 1;
      String reason = secrets.redact(e.getMessage(), channel.get().settings());
      if (e.permanent() || failures >= config.maxAttempts()) {
        giveUp(entry, type, reason);
      } else {
        Duration delay = backoff.after(failures);
        tx.executeWithoutResult(s -> outbox.retryLater(entry, clock.instant().plus(delay), reason));
        metrics.notification(type, "retried");
        log.warn(
            "delivery of {} to {} failed (attempt {}), retrying in {}: {}",
            entry.idempotencyKey(),
            entry.channel(),
            failures,
            delay,
            reason);
      }
    }
  }

  /**
   * A sender's unexpected exception (e.g. a setting that no longer expands) is a failed attempt
   * like any other, not a failed round whose log line would print its message unredacted.
   */
  private static void send(ChannelSender sender, ChannelConfig channel, Notification n)
      throws DeliveryException {
    try {
      sender.send(channel, n);
    } catch (RuntimeException e) {
      throw new DeliveryException(channel.type() + " sender failed: " + e, e);
    }
  }

  private void giveUp(OutboxEntry entry, String type, String reason) {
    tx.executeWithoutResult(s -> outbox.giveUp(entry, clock.instant(), reason));
    metrics.notification(type, "gave_up");
    log.error(
        "gave up delivering {} {} to {} after {} attempt(s): {}",
        entry.kind(),
        entry.idempotencyKey(),
        entry.channel(),
        entry.attempts() + 1,
        reason);
  }
}
