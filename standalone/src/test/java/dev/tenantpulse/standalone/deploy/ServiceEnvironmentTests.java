package dev.tenantpulse.standalone.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantpulse.collector.CollectorProperties;
import dev.tenantpulse.collector.reads.TenantReadsProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment the Compose file gives the collector and alerting is bound the way Spring Boot
 * binds it, against the services' own {@code @ConfigurationProperties} classes: every variable must
 * land in a real property (a misspelt one would be ignored silently in production), with the value
 * meant.
 */
class ServiceEnvironmentTests {

  /** Binds {@code env} as the process environment and returns the variables that were used. */
  private static Set<String> bind(Map<String, String> env, Map<String, Class<?>> targets) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new LinkedHashMap<>(env)));
    Binder binder = new Binder(ConfigurationPropertySources.get(environment));
    Set<String> used = new TreeSet<>();
    BindHandler recordUse =
        new AbstractBindHandler() {
          @Override
          public Object onSuccess(
              ConfigurationPropertyName name,
              Bindable<?> target,
              BindContext context,
              Object result) {
            if (context.getConfigurationProperty() != null
                && context.getConfigurationProperty().getOrigin() != null) {
              String origin = context.getConfigurationProperty().getOrigin().toString();
              env.keySet().stream().filter(origin::contains).forEach(used::add);
            }
            return result;
          }
        };
    targets.forEach((prefix, type) -> binder.bind(prefix, Bindable.of(type), recordUse));
    return used;
  }

  @Test
  void everyCollectorVariableBindsToACollectorOrSpringProperty() {
    Map<String, String> env =
        DeployFiles.environment(DeployFiles.compose().path("services").path("collector"));
    env.remove("JAVA_OPTS"); // read by the image's entrypoint, not by Spring

    Set<String> used =
        bind(
            env,
            Map.of(
                "tenant-pulse.collector", CollectorProperties.class,
                "tenant-pulse.collector.tenant-reads", TenantReadsProperties.class,
                "spring.datasource", DataSourceProperties.class,
                "spring.kafka", KafkaProperties.class,
                "server", ServerProperties.class));

    assertThat(used).containsExactlyInAnyOrderElementsOf(env.keySet());
  }

  @Test
  void catchesAVariableThatNamesNoProperty() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TENANT_PULSE_COLLECTOR_ACK_TIMEOUT", "5s");
    env.put("TENANT_PULSE_COLLECTOR_ACK_TIMEOUTS", "5s"); // misspelt: Spring ignores it

    Set<String> used = bind(env, Map.of("tenant-pulse.collector", CollectorProperties.class));

    assertThat(used).containsExactly("TENANT_PULSE_COLLECTOR_ACK_TIMEOUT");
  }

  @Test
  void bindsTheCollectorValuesTheComposeFileMeans() {
    Map<String, String> env =
        DeployFiles.environment(DeployFiles.compose().path("services").path("collector"));
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(new SystemEnvironmentPropertySource("compose", new LinkedHashMap<>(env)));
    Binder binder = Binder.get(environment);

    CollectorProperties collector =
        binder.bind("tenant-pulse.collector", CollectorProperties.class).get();
    KafkaProperties kafka = binder.bind("spring.kafka", KafkaProperties.class).get();

    assertThat(collector.ackTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(collector.topic()).isEqualTo("tenant-events");
    assertThat(collector.embeddedKafka().enabled()).isFalse();
    assertThat(collector.rateLimit().eventsPerSecond()).isEqualTo(50_000);
    assertThat(kafka.getBootstrapServers()).containsExactly("kafka:9092");
  }

  @Test
  void everyAlertingVariableBindsToAnAlertingOrSpringProperty() throws Exception {
    Class<?> alerting = alertingProperties();
    Map<String, String> env =
        DeployFiles.environment(DeployFiles.compose().path("services").path("alerting"));
    env.remove("JAVA_OPTS");

    Set<String> used =
        bind(
            env,
            Map.of(
                "tenant-pulse.alerting", alerting,
                "spring.datasource", DataSourceProperties.class,
                "server", ServerProperties.class));

    assertThat(used).containsExactlyInAnyOrderElementsOf(env.keySet());
  }

  @Test
  void everyBillingExportVariableBindsToABillingOrSpringProperty() {
    Map<String, String> env =
        DeployFiles.environment(DeployFiles.compose().path("services").path("billing-export"));
    env.remove("JAVA_OPTS");

    Set<String> used =
        bind(
            env,
            Map.of(
                "tenant-pulse.billing",
                dev.tenantpulse.billing.service.BillingProperties.class,
                "spring.datasource",
                DataSourceProperties.class,
                "server",
                ServerProperties.class));

    assertThat(used).containsExactlyInAnyOrderElementsOf(env.keySet());
  }

  private static Class<?> alertingProperties() {
    try {
      return Class.forName("dev.tenantpulse.alerting.AlertingProperties");
    } catch (ClassNotFoundException e) {
      assumeTrue(
          false,
          "the alerting module is not on this module's class path yet (not installed):"
              + " its variables cannot be checked against AlertingProperties");
      throw new IllegalStateException(e);
    }
  }
}
