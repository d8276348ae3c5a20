package dev.tenantpulse.warehouse.chdb;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * JDBC driver for {@code jdbc:chdb:<data directory>}: ClickHouse's own engine (chDB) inside this
 * process, reached through the Foreign Function &amp; Memory API. Registered with {@link
 * DriverManager} through {@code META-INF/services/java.sql.Driver}.
 *
 * <p>The JVM needs {@code --enable-native-access=ALL-UNNAMED} (or the module's name) to call into
 * {@code libchdb.so} without a warning.
 */
public final class ChdbDriver implements Driver {

  static final int MAJOR = 0;
  static final int MINOR = 1;

  static {
    try {
      DriverManager.registerDriver(new ChdbDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null; // JDBC: another driver's URL
    }
    ChdbUrl parsed = ChdbUrl.parse(url, info);
    NativeConnection session = ChdbEngine.connect(parsed.dataPath(), parsed.orderedSettings());
    session.limitOutput(parsed.maxOutputBytes());
    return new ChdbConnection(url, parsed, session);
  }

  @Override
  public boolean acceptsURL(String url) {
    return ChdbUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo readonly = new DriverPropertyInfo("readonly", "0");
    readonly.description = "1: the session may only read (ClickHouse readonly=1)";
    readonly.choices = new String[] {"0", "1", "2"};
    DriverPropertyInfo outputCap = new DriverPropertyInfo(ChdbUrl.MAX_OUTPUT_BYTES, null);
    outputCap.description =
        "refuse results whose output is longer than this many bytes, before reading them";
    return new DriverPropertyInfo[] {readonly, outputCap};
  }

  @Override
  public int getMajorVersion() {
    return MAJOR;
  }

  @Override
  public int getMinorVersion() {
    return MINOR;
  }

  @Override
  public boolean jdbcCompliant() {
    return false; // ClickHouse has no transactions, which JDBC compliance requires
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("jdbc:chdb logs through SLF4J");
  }
}
