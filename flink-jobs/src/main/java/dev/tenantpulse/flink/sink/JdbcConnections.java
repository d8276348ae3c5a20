package dev.tenantpulse.flink.sink;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Opens JDBC connections by URL alone, whichever driver serves it ({@code jdbc:clickhouse:} from
 * the job jar, {@code jdbc:chdb:} from the one-process runtime's classpath).
 *
 * <p>Looks the drivers up with the job's own class loader first: on a Flink cluster the job jar is
 * loaded child-first, and {@link DriverManager} only hands out drivers registered through a class
 * loader the caller can see, which depends on who touched DriverManager first.
 */
public final class JdbcConnections {

  private JdbcConnections() {}

  public static Connection open(String url, String user, String password) throws SQLException {
    Properties info = new Properties();
    if (user != null && !user.isEmpty()) {
      info.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      info.setProperty("password", password);
    }
    Driver driver = driverFor(url);
    Connection connection = driver.connect(url, info);
    if (connection == null) {
      throw new SQLException("driver " + driver.getClass().getName() + " refused " + url, "08001");
    }
    return connection;
  }

  static Driver driverFor(String url) throws SQLException {
    ClassLoader loader = JdbcConnections.class.getClassLoader();
    for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
      if (driver.acceptsURL(url)) {
        return driver;
      }
    }
    try {
      return DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new SQLException(
          "no JDBC driver for "
              + redact(url)
              + " on the classpath: jdbc:clickhouse: needs com.clickhouse:jdbc-v2 (in the job jar),"
              + " jdbc:chdb: the warehouse module (the one-process runtime)",
          "08001",
          e);
    }
  }

  /** The URL without its query string (which may carry credentials). */
  static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }
}
