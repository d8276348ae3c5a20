package dev.tenantpulse.collector.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Readiness follows Kafka: while no broker answers, the collector would only answer 503, so load
 * balancers should send traffic elsewhere (health group {@code readiness} includes {@code kafka}).
 */
@Component("kafka")
class KafkaHealth extends AbstractHealthIndicator implements DisposableBean {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final KafkaAdmin admin;
  private final ProducerFactory<?, ?> producers;
  private volatile AdminClient client;

  KafkaHealth(KafkaAdmin admin, ProducerFactory<?, ?> producers) {
    super("Kafka health check failed");
    this.admin = admin;
    this.producers = producers;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    var cluster =
        client().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
    int nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
    builder.up().withDetail("brokers", nodes).withDetail("clusterId", cluster.clusterId().get());
  }

  private AdminClient client() {
    AdminClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          Map<String, Object> config = new java.util.HashMap<>(admin.getConfigurationProperties());
          // The brokers the producer really uses (the embedded broker's address is set there).
          config.put(
              AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
              producers
                  .getConfigurationProperties()
                  .get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
          config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
          config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
          c = AdminClient.create(config);
          client = c;
        }
      }
    }
    return c;
  }

  @Override
  public void destroy() {
    AdminClient c = client;
    if (c != null) {
      c.close(Duration.ofSeconds(1));
    }
  }
}
