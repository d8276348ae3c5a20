package dev.tenantpulse.collector.tenantdata;

import dev.tenantpulse.collector.reads.TenantTables;
import java.time.Clock;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the tenant data API: the warehouse by URL (empty: disabled) and the audit log. */
@Configuration(proxyBeanMethods = false)
class TenantDataConfiguration {

  @Bean
  TenantDataStore tenantDataStore(TenantDataProperties properties) {
    String url = properties.warehouseUrl().strip();
    if (url.isEmpty()) {
      return null;
    }
    Properties connection = new Properties();
    if (!url.startsWith("jdbc:chdb:")) {
      connection.setProperty("user", properties.user());
      connection.setProperty("password", properties.password());
    }
    return new TenantDataStore(url, connection, properties.database(), TenantTables.WAREHOUSE);
  }

  @Bean
  TenantDataAudit tenantDataAudit(JdbcClient jdbc, Clock clock) {
    return new TenantDataAudit(jdbc, clock);
  }
}
