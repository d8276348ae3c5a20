package dev.tenantpulse.collector;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.entitlements.Entitlements;
import dev.tenantpulse.tenancy.events.EventValidator;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tenancy model the whole collector shares: one catalog, its validator and entitlements. */
@Configuration(proxyBeanMethods = false)
class CollectorConfiguration {

  @Bean
  PlanCatalog planCatalog() {
    return PlanCatalog.defaultCatalog();
  }

  @Bean
  EventValidator eventValidator(PlanCatalog catalog, CollectorProperties properties) {
    return new EventValidator(catalog, properties.events().earliestTimestamp());
  }

  @Bean
  Entitlements entitlements(PlanCatalog catalog) {
    return new Entitlements(catalog);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
