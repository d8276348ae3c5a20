package dev.tenantpulse.collector.reads;

import dev.tenantpulse.collector.auth.ApiKeyAuthenticator;
import dev.tenantpulse.collector.limits.RateLimiter;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the tenant reads: the warehouse by URL (as alerting reads it; in the one-process runtime
 * the chDB URL of the process's one engine, so no second engine is opened), portal tokens, the
 * reads' rate limiter and the CORS allow-list of the read paths.
 */
@Configuration(proxyBeanMethods = false)
class TenantReadsConfiguration implements WebMvcConfigurer {

  private static final Logger log = LoggerFactory.getLogger(TenantReadsConfiguration.class);
  static final String[] READ_PATHS = {
    "/v1/tenants/*/usage",
    "/v1/tenants/*/activity",
    "/v1/tenants/*/features",
    "/v1/tenants/*/onboarding",
    "/v1/tenants/*/plan-history"
  };

  private final TenantReadsProperties properties;

  TenantReadsConfiguration(TenantReadsProperties properties) {
    this.properties = properties;
  }

  @Bean(destroyMethod = "close")
  TenantWarehouse tenantWarehouse() throws SQLException {
    String url = properties.warehouseUrl().strip();
    if (url.isEmpty()) {
      log.info("tenant reads disabled: tenant-pulse.collector.tenant-reads.warehouse-url is empty");
      return null;
    }
    Properties connection = new Properties();
    if (!url.startsWith("jdbc:chdb:")) {
      connection.setProperty("user", properties.user());
      connection.setProperty("password", properties.password());
    }
    log.info("tenant reads: database {} at {}", properties.database(), url);
    return new TenantWarehouse(
        driverFor(url),
        url,
        connection,
        properties.database(),
        properties.tenantSetting(),
        TenantTables.WAREHOUSE,
        properties.maxRows());
  }

  @Bean
  TenantReads tenantReads(java.util.Optional<TenantWarehouse> warehouse, PlanCatalog catalog) {
    return warehouse.map(w -> new TenantReads(w, catalog)).orElse(null);
  }

  @Bean
  PortalTokens portalTokens(Clock clock, JdbcClient jdbc) {
    return new PortalTokens(properties.portalTokens(), clock, jdbc);
  }

  @Bean
  ReadCredentials readCredentials(ApiKeyAuthenticator keys, PortalTokens tokens) {
    return new ReadCredentials(keys, tokens);
  }

  @Bean
  TenantReadsLimiter tenantReadsLimiter() {
    return new TenantReadsLimiter(
        new RateLimiter(
            properties.readsPerSecond(), properties.burstReads(), System::nanoTime, "reads"));
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    if (properties.corsAllowedOrigins().isEmpty()) {
      return;
    }
    for (String path : READ_PATHS) {
      registry
          .addMapping(path)
          .allowedOrigins(properties.corsAllowedOrigins().toArray(String[]::new))
          .allowedMethods("GET")
          .allowedHeaders("Authorization")
          .allowCredentials(false)
          .maxAge(600);
    }
  }

  /**
   * The JDBC driver for {@code url} among those on the class path (see alerting's note on jdbc-v2).
   */
  static Driver driverFor(String url) throws SQLException {
    for (Driver driver : ServiceLoader.load(Driver.class)) {
      if (driver.acceptsURL(url)) {
        return driver;
      }
    }
    throw new SQLException(
        "no JDBC driver accepts "
            + url
            + ": use jdbc:chdb:<directory> (embedded) or jdbc:clickhouse://host:8123 (server)");
  }
}
