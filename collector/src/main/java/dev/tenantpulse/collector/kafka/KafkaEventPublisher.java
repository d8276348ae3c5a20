package dev.tenantpulse.collector.kafka;

import dev.tenantpulse.collector.CollectorProperties;
import dev.tenantpulse.collector.ingest.EncodedEvent;
import dev.tenantpulse.collector.ingest.EventPublisher;
import dev.tenantpulse.collector.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes events to the topic keyed by tenant_id (a tenant's events stay in order on one
 * partition), the record timestamp being the receive time. The producer runs with acks=all and
 * idempotence (application.yaml), so an acknowledged event is on every in-sync replica and a
 * producer retry never writes it twice.
 *
 * <p>One deadline per request, {@code ack-timeout} from the first send, covers both the time {@code
 * send()} may block (metadata after a broker restart, a full buffer: bounded by {@code
 * max.block.ms}, which {@link KafkaConfiguration} caps at the ack timeout) and the wait for the
 * acknowledgements; past it the request answers 503. Its records may still reach Kafka later (the
 * producer retries until {@code delivery.timeout.ms}), which is why a 503 says "retry": the retry
 * carries the same ids and the Flink jobs dedup on (tenant_id, id).
 *
 * <p>The shared producer comes from Spring's factory on every batch rather than once: the factory
 * replaces it when it was closed after a fatal error (an idempotent producer whose sequence broke),
 * so a broken producer heals without restarting the collector. One callback counts the whole
 * batch's acknowledgements instead of a future per event ({@code KafkaTemplate}), and failures of
 * records already answered 503 are counted, not logged one stack trace per event.
 */
@Component
class KafkaEventPublisher implements EventPublisher {

  private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final ProducerFactory<String, byte[]> producers;
  private final String topic;
  private final Duration ackTimeout;
  private final Timer ackLatency;
  private final Counter failures;
  private final Counter failedRecords;

  KafkaEventPublisher(
      ProducerFactory<String, byte[]> producers,
      CollectorProperties properties,
      MeterRegistry meters) {
    this.producers = producers;
    this.topic = properties.topic();
    this.ackTimeout = properties.ackTimeout();
    this.ackLatency =
        Timer.builder("collector.kafka.ack.latency")
            .description("from the first send of a batch to Kafka's last acknowledgement")
            .publishPercentileHistogram()
            .register(meters);
    this.failures =
        Counter.builder("collector.kafka.failures")
            .description("requests answered 503 because Kafka did not acknowledge in time")
            .register(meters);
    this.failedRecords =
        Counter.builder("collector.kafka.failed.records")
            .description("records Kafka finally refused (their requests were answered 503)")
            .register(meters);
  }

  @Override
  public void publishAll(List<EncodedEvent> events, Instant receivedAt) {
    if (events.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    long deadline = started + ackTimeout.toNanos();
    BatchAck ack = new BatchAck(events.size());
    try {
      Producer<String, byte[]> producer = producers.createProducer();
      long timestamp = receivedAt.toEpochMilli();
      for (EncodedEvent e : events) {
        if (ack.isDone() || System.nanoTime() - deadline > 0) {
          break; // already failed or out of time: nothing of the batch can count any more
        }
        producer.send(
            new ProducerRecord<>(topic, null, timestamp, e.event().tenantId(), e.json()), ack);
      }
      ack.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw unavailable("Kafka did not acknowledge the events within " + ackTimeout, e);
    } catch (ExecutionException e) {
      throw unavailable("Kafka refused the events: " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for Kafka", e);
    } catch (RuntimeException e) {
      // send() throws when it could not get metadata or buffer space within max.block.ms, or the
      // producer was closed under it.
      throw unavailable("Kafka is not reachable: " + e.getMessage(), e);
    }
    ackLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  private ApiException unavailable(String message, Exception cause) {
    failures.increment();
    log.warn("batch refused with 503: {}", message);
    return ApiException.unavailable(
        message + "; nothing of this request was accepted, retry it", RETRY_AFTER);
  }

  /**
   * Completes when every record of a batch is acknowledged, or exceptionally with the first
   * failure. Runs on the producer's I/O thread, so it only counts.
   */
  private final class BatchAck implements Callback {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicInteger pending;

    BatchAck(int records) {
      this.pending = new AtomicInteger(records);
    }

    boolean isDone() {
      return done.isDone();
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception != null) {
        failedRecords.increment();
        done.completeExceptionally(exception);
      } else if (pending.decrementAndGet() == 0) {
        done.complete(null);
      }
    }
  }
}
