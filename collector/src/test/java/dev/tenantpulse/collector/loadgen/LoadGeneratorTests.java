package dev.tenantpulse.collector.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a real collector: both HTTP clients keep their connections across
 * Tomcat's keep-alive limit (100 requests), count what the collector accepted, and the open loop
 * holds its rate.
 */
@CollectorTest
class LoadGeneratorTests extends CollectorTestBase {

  private LoadGenerator.Options options(Transport.Kind transport, long requests, double rate) {
    return new LoadGenerator.Options(
        URI.create("http://127.0.0.1:" + port + "/v1/events"),
        SERVER_KEY,
        2,
        Duration.ZERO,
        Duration.ofSeconds(2),
        requests,
        rate,
        transport);
  }

  @Test
  void rawClientSendsEveryRequestAndCountsAcceptedEvents() throws InterruptedException {
    BatchTemplates templates = new BatchTemplates(1, 10, 50, 4, Instant.now());
    LoadReport report = new LoadGenerator(options(Transport.Kind.RAW, 150, 0), templates).run();
    assertThat(report.failures()).isEmpty();
    assertThat(report.requests()).isEqualTo(150);
    assertThat(report.acceptedEvents()).isEqualTo(1_500);
    assertThat(report.p99Millis()).isPositive();
  }

  @Test
  void jdkClientDoesTheSame() throws InterruptedException {
    BatchTemplates templates = new BatchTemplates(2, 10, 50, 4, Instant.now());
    LoadReport report = new LoadGenerator(options(Transport.Kind.JDK, 110, 0), templates).run();
    assertThat(report.failures()).isEmpty();
    assertThat(report.acceptedEvents()).isEqualTo(1_100);
  }

  @Test
  void openLoopHoldsItsRate() throws InterruptedException {
    BatchTemplates templates = new BatchTemplates(3, 5, 50, 4, Instant.now());
    LoadReport report = new LoadGenerator(options(Transport.Kind.RAW, 0, 50), templates).run();
    assertThat(report.failures()).isEmpty();
    // 50 requests/s for 2 s: the schedule, not the collector's speed, sets the count.
    assertThat(report.requests()).isBetween(95L, 101L);
  }
}
