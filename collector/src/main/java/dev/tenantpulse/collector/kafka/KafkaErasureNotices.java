package dev.tenantpulse.collector.kafka;

import dev.tenantpulse.collector.CollectorProperties;
import dev.tenantpulse.collector.tenantdata.ErasureNotices;
import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.TenantErasureNotice;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes erasure notices to the events topic, keyed by the tenant id like its events, so the notice
 * follows the tenant's events on their partition. Same producer and acknowledgement deadline as the
 * events ({@link KafkaEventPublisher}).
 */
@Component
class KafkaErasureNotices implements ErasureNotices {

  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final ProducerFactory<String, byte[]> producers;
  private final String topic;
  private final Duration ackTimeout;

  KafkaErasureNotices(ProducerFactory<String, byte[]> producers, CollectorProperties properties) {
    this.producers = producers;
    this.topic = properties.topic();
    this.ackTimeout = properties.ackTimeout();
  }

  @Override
  public void publish(String tenantId, Instant erasedAt) {
    TenantErasureNotice notice = new TenantErasureNotice(tenantId, erasedAt);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, null, erasedAt.toEpochMilli(), tenantId, notice.encode());
    record.headers().add(TenantErasureNotice.HEADER, TenantErasureNotice.headerValue());
    try {
      producers.createProducer().send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for Kafka");
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw unavailable(
          "Kafka did not take the erasure notice within " + ackTimeout + ": " + e.getMessage());
    }
  }

  private static ApiException unavailable(String message) {
    return ApiException.unavailable(
        message + "; nothing of the tenant was erased, retry the erasure", RETRY_AFTER);
  }
}
