package dev.tenantpulse.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.collector.support.RunningCollector;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code tenant-pulse.collector.events.earliest-timestamp}: bound, environment name, refusals. */
class EarliestTimestampPropertyTests {

  private static final String PROPERTY = "tenant-pulse.collector.events.earliest-timestamp";
  private static final String ENVIRONMENT_VARIABLE =
      "TENANT_PULSE_COLLECTOR_EVENTS_EARLIEST_TIMESTAMP";

  private static CollectorProperties fromEnvironment(Map<String, Object> variables) {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    return new Binder(ConfigurationPropertySources.from(sources))
        .bindOrCreate("tenant-pulse.collector", CollectorProperties.class);
  }

  @Test
  void defaultsTo2000AndBindsFromItsEnvironmentVariable() {
    assertThat(fromEnvironment(Map.of()).events().earliestTimestamp())
        .isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    // set but empty, as a blank variable in a Compose file: the default too
    assertThat(fromEnvironment(Map.of(ENVIRONMENT_VARIABLE, "")).events().earliestTimestamp())
        .isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(
            fromEnvironment(
                    Map.of(
                        "TENANT_PULSE_COLLECTOR_EVENTS_EARLIEST_TIMESTAMP", "2010-06-01T00:00:00Z"))
                .events()
                .earliestTimestamp())
        .isEqualTo(Instant.parse("2010-06-01T00:00:00Z"));
  }

  @Test
  void theConfiguredValueIsTheValidatorsBound() {
    CollectorProperties properties =
        fromEnvironment(Map.of(ENVIRONMENT_VARIABLE, "2024-02-29T12:00:00+01:00"));

    assertThat(
            new CollectorConfiguration()
                .eventValidator(PlanCatalog.defaultCatalog(), properties)
                .earliestTimestamp())
        .isEqualTo(Instant.parse("2024-02-29T11:00:00Z"));
  }

  @Test
  void aValueOutsideDateTime64OrAfterNowOrUnreadableIsRefusedNamingTheProperty() {
    List<String> bad =
        List.of(
            "1969-12-31T23:59:59.999Z",
            "-999999999-01-01T00:00:00Z",
            "2300-01-01T00:00:00Z",
            Instant.now().plus(1, ChronoUnit.DAYS).toString(),
            "yesterday");
    for (String value : bad) {
      assertThatThrownBy(() -> fromEnvironment(Map.of(ENVIRONMENT_VARIABLE, value)))
          .as(value)
          .hasStackTraceContaining(PROPERTY);
    }
  }

  @Test
  void aRefusedValueStopsStartUp() {
    assertThatThrownBy(
            () ->
                RunningCollector.start(
                        "unused",
                        Map.of(
                            "spring.datasource.url",
                            "jdbc:h2:mem:earliest-property",
                            PROPERTY,
                            "1969-12-31T23:59:59.999Z"))
                    .close())
        .hasStackTraceContaining(
            PROPERTY + " must be an ISO-8601 instant between 1970-01-01T00:00:00Z");
  }
}
