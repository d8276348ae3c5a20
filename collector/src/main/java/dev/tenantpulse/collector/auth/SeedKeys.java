package dev.tenantpulse.collector.auth;

import dev.tenantpulse.collector.CollectorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the configured seed keys at start (embedded default, demos); logs ids, never keys. */
@Component
class SeedKeys implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(SeedKeys.class);
  private final CollectorProperties properties;
  private final JdbcApiKeyStore store;

  SeedKeys(CollectorProperties properties, JdbcApiKeyStore store) {
    this.properties = properties;
    this.store = store;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (CollectorProperties.SeedKey seed : properties.seedKeys()) {
      String tenant = seed.tenantId() == null || seed.tenantId().isBlank() ? null : seed.tenantId();
      if (store.add(seed.key(), seed.name(), tenant)) {
        log.info(
            "seeded API key {} ({}, {})",
            ApiKeyHashing.keyId(seed.key()),
            seed.name(),
            tenant == null ? "server key" : "client key for " + tenant);
      }
    }
  }
}
