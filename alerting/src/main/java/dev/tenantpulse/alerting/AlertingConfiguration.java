package dev.tenantpulse.alerting;

import dev.tenantpulse.alerting.evaluation.InstanceScopedJobStore;
import dev.tenantpulse.alerting.rules.EnvironmentVariables;
import dev.tenantpulse.alerting.rules.SecretReferences;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;
import javax.sql.DataSource;
import org.jooq.conf.RenderQuotedNames;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring shared by the features: clock, environment and secret references, instance id, jOOQ and
 * Quartz settings.
 */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
class AlertingConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** The process environment; a test registers its own to give channels secrets of its choosing. */
  @Bean
  @ConditionalOnMissingBean
  EnvironmentVariables environmentVariables() {
    return EnvironmentVariables.ofProcess();
  }

  @Bean
  SecretReferences secretReferences(
      EnvironmentVariables environment, AlertingProperties properties) {
    return new SecretReferences(environment, properties.secrets().allowedPrefix());
  }

  @Bean
  InstanceId instanceId(AlertingProperties properties) {
    return InstanceId.from(properties.instanceId());
  }

  /**
   * Metadata names render unquoted: the Flyway DDL declares them unquoted, which H2 stores in upper
   * and PostgreSQL in lower case; quoted lower-case names would miss the H2 tables.
   */
  @Bean
  DefaultConfigurationCustomizer unquotedMetadataNames() {
    return configuration -> configuration.settings().withRenderQuotedNames(RenderQuotedNames.NEVER);
  }

  /**
   * Quartz's instance id is ours (one name per instance in its cluster table and our logs), and its
   * SQL dialect delegate follows the metadata database.
   */
  @Bean
  SchedulerFactoryBeanCustomizer quartzInstance(
      InstanceId instanceId, DataSource dataSource, QuartzProperties quartz) {
    return factory -> {
      // Replaces what Boot set, so Boot's spring.quartz.properties are carried over first.
      Properties p = new Properties();
      p.putAll(quartz.getProperties());
      p.setProperty("org.quartz.scheduler.instanceId", instanceId.value());
      p.setProperty("org.quartz.jobStore.driverDelegateClass", delegateFor(dataSource));
      p.setProperty("org.quartz.jobStore.class", InstanceScopedJobStore.class.getName());
      factory.setQuartzProperties(p);
    };
  }

  private static String delegateFor(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      return product.toLowerCase(java.util.Locale.ROOT).contains("postgres")
          ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
          : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot reach the metadata database to choose Quartz's SQL delegate: " + e.getMessage(),
          e);
    }
  }
}
