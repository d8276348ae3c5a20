package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SmokeTests {
  @Test
  void roundTrip() throws Exception {
    String db = TestEngine.freshDatabase("smoke");
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + db
              + ".t (a UInt64, b String, c Nullable(Float64), d DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY a");
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO " + db + ".t (a, b, c, d) VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < 10; i++) {
          p.setLong(1, i);
          p.setString(2, "x'" + i);
          p.setObject(3, i % 2 == 0 ? null : i * 1.5);
          p.setObject(4, java.time.Instant.parse("2026-11-27T10:00:00.123Z").plusSeconds(i));
          p.addBatch();
        }
        p.executeBatch();
      }
      try (ResultSet rs = s.executeQuery("SELECT a, b, c, d FROM " + db + ".t ORDER BY a")) {
        int n = 0;
        while (rs.next()) {
          System.out.println(
              rs.getLong(1)
                  + " "
                  + rs.getString(2)
                  + " "
                  + rs.getObject(3)
                  + " "
                  + rs.getObject(4, java.time.Instant.class));
          n++;
        }
        assertThat(n).isEqualTo(10);
      }
    }
  }
}
