package dev.tenantpulse.billing.support;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real database seen through a process that dies: after {@code lives} more connections every
 * further one fails, as the metadata database looks to an exporter killed at that point (the ledger
 * takes a connection per write, so each kill point falls between two ledger writes).
 */
public final class KillableDataSource implements DataSource {

  private final DataSource real;
  private final AtomicInteger lives;

  public KillableDataSource(DataSource real, int lives) {
    this.real = real;
    this.lives = new AtomicInteger(lives);
  }

  public boolean killed() {
    return lives.get() < 0;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (lives.decrementAndGet() < 0) {
      throw new SQLException("killed: the exporter process is gone");
    }
    return real.getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return real.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    real.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    real.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return real.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return real.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return real.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return real.isWrapperFor(iface);
  }
}
