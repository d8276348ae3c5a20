package dev.tenantpulse.warehouse.chdb;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A plain statement: each execute is one ClickHouse statement, run and read whole. */
class ChdbStatement extends UnsupportedStatement {

  final ChdbConnection connection;
  private final List<String> batch = new ArrayList<>();
  private ChdbResultSet result;
  private long updateCount = -1;
  private int maxRows;
  private int queryTimeoutSeconds;
  private int fetchSize;
  private boolean closed;

  ChdbStatement(ChdbConnection connection) {
    this.connection = connection;
  }

  /** Runs {@code sql} and keeps its result set or update count, as JDBC's execute does. */
  boolean run(String sql) throws SQLException {
    ensureOpen();
    closeResult();
    if (connection.isReadOnly()) {
      // The engine's parser decides (see ReadOnlyGuard); ours below only serves writers.
      ReadOnlyGuard.check(connection.nativeConnection(), sql);
    } else if (SqlTemplate.isMultiStatement(sql)) {
      // chDB, unlike a ClickHouse server, would run every statement of the string and mix their
      // outputs into one unreadable result; one execute must stay one statement.
      throw new SQLSyntaxErrorException(
          "jdbc:chdb runs one statement per execute, as a ClickHouse server does"
              + " (multi-statements are not allowed): split the text at its ';'",
          "42000",
          ChdbErrors.SYNTAX_ERROR);
    }
    NativeConnection.QueryOutput out =
        connection.nativeConnection().query(sql, ResultTable.FORMAT, queryTimeoutSeconds);
    if (out.bytes().length == 0) {
      updateCount = out.rowsWritten();
      return false;
    }
    ResultTable table = ResultTable.parse(out.bytes());
    if (maxRows > 0 && table.rows().size() > maxRows) {
      table = new ResultTable(table.names(), table.types(), table.rows().subList(0, maxRows));
    }
    result = new ChdbResultSet(this, table);
    updateCount = -1;
    return true;
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    return run(sql);
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    if (!run(sql)) {
      throw new SQLException("the statement returned no result set: " + sql, "02000");
    }
    return result;
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    run(sql);
    return (int) Math.max(updateCount, 0);
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    run(sql);
    return Math.max(updateCount, 0);
  }

  @Override
  public ResultSet getResultSet() {
    return result;
  }

  @Override
  public int getUpdateCount() {
    return (int) updateCount;
  }

  @Override
  public long getLargeUpdateCount() {
    return updateCount;
  }

  @Override
  public boolean getMoreResults() {
    closeResult();
    updateCount = -1;
    return false;
  }

  @Override
  public boolean getMoreResults(int current) {
    return getMoreResults();
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    ensureOpen();
    batch.add(sql);
  }

  @Override
  public void clearBatch() {
    batch.clear();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    int[] counts = new int[batch.size()];
    try {
      for (int i = 0; i < batch.size(); i++) {
        run(batch.get(i));
        counts[i] = (int) Math.max(updateCount, 0);
      }
      return counts;
    } catch (SQLException e) {
      throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), counts, e);
    } finally {
      batch.clear();
    }
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public int getMaxRows() {
    return maxRows;
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    if (max < 0) {
      throw new SQLException("max rows must be >= 0", "22023");
    }
    maxRows = max;
  }

  @Override
  public long getLargeMaxRows() {
    return maxRows;
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    setMaxRows((int) Math.min(max, Integer.MAX_VALUE));
  }

  @Override
  public int getQueryTimeout() {
    return queryTimeoutSeconds;
  }

  /** Enforced by the engine (max_execution_time); read-only connections take it from the URL. */
  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    if (seconds < 0) {
      throw new SQLException("query timeout must be >= 0", "22023");
    }
    queryTimeoutSeconds = seconds;
  }

  @Override
  public int getFetchSize() {
    return fetchSize;
  }

  @Override
  public void setFetchSize(int rows) {
    fetchSize = rows; // a hint only: results arrive whole
  }

  @Override
  public int getFetchDirection() {
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public void setFetchDirection(int direction) {}

  @Override
  public int getResultSetType() {
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getResultSetConcurrency() {
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getResultSetHoldability() {
    return ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public SQLWarning getWarnings() {
    return null;
  }

  @Override
  public void clearWarnings() {}

  @Override
  public void setEscapeProcessing(boolean enable) {}

  @Override
  public void setPoolable(boolean poolable) {}

  @Override
  public boolean isPoolable() {
    return false;
  }

  @Override
  public void closeOnCompletion() {}

  @Override
  public boolean isCloseOnCompletion() {
    return false;
  }

  @Override
  public void cancel() throws SQLException {
    throw unsupported("cancel (set a query timeout instead)");
  }

  @Override
  public void close() {
    closeResult();
    closed = true;
  }

  /** Closed by {@link #close()} or with its connection, as JDBC requires. */
  @Override
  public boolean isClosed() {
    return closed || connection.isClosed();
  }

  private void closeResult() {
    if (result != null) {
      result.close();
      result = null;
    }
  }

  void ensureOpen() throws SQLException {
    if (closed) {
      throw new SQLException("the statement is closed", "HY010");
    }
    connection.ensureOpen();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  static int[] successes(int n) {
    int[] counts = new int[n];
    java.util.Arrays.fill(counts, Statement.SUCCESS_NO_INFO);
    return counts;
  }
}
