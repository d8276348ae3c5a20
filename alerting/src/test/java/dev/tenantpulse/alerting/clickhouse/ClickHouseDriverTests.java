package dev.tenantpulse.alerting.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Both ClickHouse URLs find their driver (without DriverManager, which misses jdbc-v2). */
class ClickHouseDriverTests {

  @Test
  void findsTheEmbeddedAndTheServerDriver() throws SQLException {
    assertThat(ClickHouseConfiguration.driverFor("jdbc:chdb:/tmp/x").getClass().getName())
        .isEqualTo("dev.tenantpulse.warehouse.chdb.ChdbDriver");
    assertThat(
            ClickHouseConfiguration.driverFor("jdbc:clickhouse://127.0.0.1:8123")
                .getClass()
                .getName())
        .startsWith("com.clickhouse.jdbc.");
  }

  @Test
  void refusesAnUnknownUrlSayingWhatWorks() {
    assertThatThrownBy(() -> ClickHouseConfiguration.driverFor("jdbc:mysql://x"))
        .hasMessageContaining("jdbc:chdb:<directory>")
        .hasMessageContaining("jdbc:clickhouse://");
  }
}
