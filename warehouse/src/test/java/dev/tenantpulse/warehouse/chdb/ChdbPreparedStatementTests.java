package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Binding rules of the chDB driver beyond the shared contract: a Timestamp is an instant, a
 * LocalDateTime is a wall-clock time in the column's zone, whatever the JVM's zone is; parameters
 * must all be set and exist.
 */
class ChdbPreparedStatementTests {

  private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void timestampsBindAsInstantsAndLocalDateTimesAsWallClockInTheColumnZone(boolean batch)
      throws Exception {
    String table = TestEngine.freshDatabase("bind_time") + ".t";
    try (Connection c = TestEngine.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE "
                + table
                + " (id UInt8, utc DateTime64(3, 'UTC'), tokyo DateTime64(3, 'Asia/Tokyo'))"
                + " ENGINE = MergeTree ORDER BY id");
      }
      List<Object> forms =
          List.of(Timestamp.from(AT), LocalDateTime.of(2026, 11, 27, 10, 15, 30, 123_000_000));
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
        for (int i = 0; i < forms.size(); i++) {
          p.setInt(1, i);
          p.setObject(2, forms.get(i));
          p.setObject(3, forms.get(i));
          if (batch) {
            p.addBatch();
          } else {
            p.executeUpdate();
          }
        }
        if (batch) {
          p.executeBatch();
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT utc, tokyo FROM " + table + " ORDER BY id")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject("utc", Instant.class)).as("Timestamp into UTC").isEqualTo(AT);
        assertThat(rs.getObject("tokyo", Instant.class)).as("Timestamp into Tokyo").isEqualTo(AT);
        assertThat(rs.getTimestamp("tokyo").toInstant()).as("Timestamp back").isEqualTo(AT);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject("utc", Instant.class)).isEqualTo(AT);
        assertThat(rs.getObject("tokyo", LocalDateTime.class))
            .as("LocalDateTime is Tokyo wall clock")
            .isEqualTo(forms.get(1));
        assertThat(rs.getObject("tokyo", Instant.class)).isEqualTo(AT.minusSeconds(9 * 3600));
      }
    }
  }

  @Test
  void everyParameterMustBeSet() throws Exception {
    try (Connection c = TestEngine.connect();
        PreparedStatement p = c.prepareStatement("SELECT ?, ?")) {
      p.setInt(1, 1);
      assertThatThrownBy(p::executeQuery)
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("07001"))
          .hasMessageContaining("parameter 2");
      assertThatThrownBy(p::addBatch).isInstanceOf(SQLException.class);
      p.setNull(2, java.sql.Types.VARCHAR);
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(2)).isNull();
        assertThat(rs.wasNull()).isTrue();
      }
      p.clearParameters();
      assertThatThrownBy(p::executeQuery).hasMessageContaining("parameter 1");
    }
  }

  @Test
  void aParameterOutsideTheStatementIsRefused() throws Exception {
    try (Connection c = TestEngine.connect();
        PreparedStatement p = c.prepareStatement("SELECT '?', ?")) {
      assertThatThrownBy(() -> p.setString(2, "x"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("07009"))
          .hasMessageContaining("1..1");
      assertThatThrownBy(() -> p.setString(0, "x")).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void anArrayFromTheConnectionBindsAsAnArray() throws Exception {
    try (Connection c = TestEngine.connect();
        PreparedStatement p = c.prepareStatement("SELECT length(?), arrayStringConcat(?, '|')")) {
      p.setArray(1, c.createArrayOf("String", new Object[] {"a", "b'c", "d"}));
      p.setObject(2, new String[] {"x", "y"});
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(3);
        assertThat(rs.getString(2)).isEqualTo("x|y");
      }
    }
  }
}
