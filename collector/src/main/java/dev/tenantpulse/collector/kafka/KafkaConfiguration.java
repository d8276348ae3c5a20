package dev.tenantpulse.collector.kafka;

import dev.tenantpulse.collector.CollectorProperties;
import dev.tenantpulse.kafka.embedded.EmbeddedKafkaBroker;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The events topic, and the in-process broker of the embedded default. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  private static final long KAFKA_DEFAULT_MAX_BLOCK_MS = 60_000;

  @Bean
  NewTopic eventsTopic(CollectorProperties properties) {
    return TopicBuilder.name(properties.topic())
        .partitions(properties.embeddedKafka().partitions())
        .build();
  }

  /**
   * Caps {@code max.block.ms} at the ack timeout: a {@code send()} blocked on metadata (the broker
   * is gone) or on a full buffer must not hold a request past the time it promised to answer 503
   * in, whatever the producer properties say (Kafka's default is a minute).
   */
  @Bean
  DefaultKafkaProducerFactoryCustomizer maxBlockWithinAckTimeout(CollectorProperties properties) {
    long ackTimeoutMs = properties.ackTimeout().toMillis();
    return factory -> {
      Object configured =
          factory.getConfigurationProperties().get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
      long maxBlockMs =
          configured == null
              ? KAFKA_DEFAULT_MAX_BLOCK_MS
              : Long.parseLong(configured.toString().strip());
      if (maxBlockMs > ackTimeoutMs) {
        factory.updateConfigs(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeoutMs));
      }
    };
  }

  /** A KRaft broker in this process: one command runs the collector with nothing installed. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      name = "tenant-pulse.collector.embedded-kafka.enabled",
      havingValue = "true")
  static class EmbeddedBroker {

    @Bean(destroyMethod = "close")
    EmbeddedKafkaBroker embeddedKafkaBroker(CollectorProperties properties) {
      EmbeddedKafkaBroker broker =
          EmbeddedKafkaBroker.builder()
              .dataDir(properties.embeddedKafka().dataDir())
              .port(properties.embeddedKafka().port())
              .build();
      broker.start();
      return broker;
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer embeddedBootstrap(EmbeddedKafkaBroker broker) {
      return factory ->
          factory.updateConfigs(
              java.util.Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor embeddedAdmin(
        org.springframework.beans.factory.ObjectProvider<EmbeddedKafkaBroker> broker) {
      return new org.springframework.beans.factory.config.BeanPostProcessor() {
        @Override
        public Object postProcessBeforeInitialization(Object bean, String name) {
          if (bean instanceof KafkaAdmin admin) {
            admin.setBootstrapServersSupplier(() -> broker.getObject().bootstrapServers());
          }
          return bean;
        }
      };
    }
  }
}
