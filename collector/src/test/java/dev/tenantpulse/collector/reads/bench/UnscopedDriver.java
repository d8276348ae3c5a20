package dev.tenantpulse.collector.reads.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The benchmark's baseline: a driver that takes the tenant condition out of every table the query
 * layer wraps, so the same reads (same SQL, same mapping) run over every tenant's rows. The bound
 * tenant stays bound to an always-true condition, so the parameters still line up.
 */
final class UnscopedDriver implements Driver {

  private static final Pattern TENANT_CONDITION = Pattern.compile(" WHERE tenant_id = \\?\\)");

  private final Driver engine;

  UnscopedDriver(Driver engine) {
    this.engine = engine;
  }

  static String unscoped(String sql) {
    String out = TENANT_CONDITION.matcher(sql).replaceAll(" WHERE length(?) >= 0)");
    if (out.equals(sql)) {
      throw new IllegalStateException("no tenant condition to take out of: " + sql);
    }
    return out;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    Connection real = engine.connect(url, info);
    if (real == null) {
      return null;
    }
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("prepareStatement") && args != null && args.length >= 1) {
            args[0] = unscoped((String) args[0]);
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  @Override
  public boolean acceptsURL(String url) throws SQLException {
    return engine.acceptsURL(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return engine.getPropertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return engine.getMajorVersion();
  }

  @Override
  public int getMinorVersion() {
    return engine.getMinorVersion();
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return engine.getParentLogger();
  }
}
