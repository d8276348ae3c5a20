package dev.tenantpulse.alerting.clickhouse;

import dev.tenantpulse.alerting.AlertingProperties;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The ClickHouse source from {@code tenant-pulse.alerting.clickhouse.*}, unless the application was
 * given one (the one-process runtime shares its engine). Not a {@code DataSource} bean: the
 * metadata database is the application's DataSource, ClickHouse is a second one beside it.
 */
@Configuration(proxyBeanMethods = false)
class ClickHouseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ClickHouseConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  ClickHouseSource clickHouseSource(AlertingProperties properties) throws SQLException {
    AlertingProperties.ClickHouse ch = properties.clickhouse();
    Properties credentials = new Properties();
    if (!ch.url().startsWith("jdbc:chdb:")) {
      credentials.setProperty("user", ch.user());
      credentials.setProperty("password", ch.password());
    }
    // No pool: a chDB connection is a session on the in-process engine, and a server connection
    // of jdbc-v2 is an HTTP client; evaluations open one every few minutes.
    SimpleDriverDataSource dataSource =
        new SimpleDriverDataSource(driverFor(ch.url()), ch.url(), credentials);
    ClickHouseSource source = new ClickHouseSource(dataSource, ch.database());
    if (ch.migrate()) {
      try (Connection connection = dataSource.getConnection()) {
        ClickHouseMigrations.forDatabase(ch.database()).migrate(connection);
      }
    }
    log.info("metric tables: database {} at {}", ch.database(), ch.url());
    return source;
  }

  /**
   * The driver for {@code url}, found among the JDBC drivers on the class path. Not through
   * DriverManager: jdbc-v2 0.10.0 lists itself as a service but registers with DriverManager only
   * when its static {@code load()} runs, so {@code DriverManager.getConnection} would answer "No
   * suitable driver" for {@code jdbc:clickhouse:}.
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
