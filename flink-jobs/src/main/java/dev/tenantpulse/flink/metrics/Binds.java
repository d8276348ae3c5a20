package dev.tenantpulse.flink.metrics;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Binds nullable values the same way for every table writer: {@code setNull} with the SQL type for
 * NULL, {@code java.time} values through {@code setObject} (both the chDB driver and the official
 * ClickHouse driver encode Instant and LocalDate exactly, without a session time zone).
 */
public final class Binds {

  private Binds() {}

  public static void string(PreparedStatement s, int i, String v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.VARCHAR);
    } else {
      s.setString(i, v);
    }
  }

  public static void integer(PreparedStatement s, int i, Integer v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.INTEGER);
    } else {
      s.setLong(i, v);
    }
  }

  public static void bigint(PreparedStatement s, int i, Long v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.BIGINT);
    } else {
      s.setLong(i, v);
    }
  }

  public static void dbl(PreparedStatement s, int i, Double v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.DOUBLE);
    } else {
      s.setDouble(i, v);
    }
  }

  public static void instant(PreparedStatement s, int i, Instant v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.TIMESTAMP);
    } else {
      s.setObject(i, v);
    }
  }

  public static void date(PreparedStatement s, int i, LocalDate v) throws SQLException {
    s.setObject(i, v);
  }
}
