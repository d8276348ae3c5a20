package dev.tenantpulse.warehouse.chdb;

import java.lang.foreign.Arena;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A prepared statement: parameters are bound by the driver's escaping ({@link SqlLiterals}), never
 * pasted as text.
 *
 * <p>A batch of {@code INSERT INTO t (...) VALUES (?, ...)} is sent as ONE insert of binary rows
 * (Native, column by column, typed by the table's own column types); any other batch runs statement
 * by statement.
 */
final class ChdbPreparedStatement extends UnsupportedPreparedStatement {

  private final SqlTemplate template;
  private final Optional<InsertShape> insert;
  private final Object[] values;
  private final boolean[] set;
  private final List<Object[]> batch = new ArrayList<>();
  private List<NativeColumn> encoders; // resolved on the first binary batch
  private List<String> columnNames; // the target columns, in placeholder order
  private List<ClickHouseType> columnTypes; // the target columns' types, in placeholder order

  ChdbPreparedStatement(ChdbConnection connection, String sql) {
    super(connection);
    this.template = SqlTemplate.parse(sql);
    this.insert = InsertShape.of(sql).filter(s -> s.placeholders() == template.parameterCount());
    this.values = new Object[template.parameterCount()];
    this.set = new boolean[template.parameterCount()];
  }

  private void bind(int index, Object value) throws SQLException {
    ensureOpen();
    if (index < 1 || index > values.length) {
      throw new SQLException(
          "parameter index " + index + " is out of range 1.." + values.length, "07009");
    }
    values[index - 1] = value;
    set[index - 1] = true;
  }

  @Override
  public boolean execute() throws SQLException {
    return run(template.render(values, set));
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return executeQuery(template.render(values, set));
  }

  @Override
  public int executeUpdate() throws SQLException {
    return executeUpdate(template.render(values, set));
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return executeLargeUpdate(template.render(values, set));
  }

  @Override
  public void addBatch() throws SQLException {
    ensureOpen();
    for (int p = 0; p < set.length; p++) {
      if (!set[p]) {
        throw new SQLException("parameter " + (p + 1) + " is not set", "07001");
      }
    }
    batch.add(values.clone());
  }

  @Override
  public void clearBatch() {
    batch.clear();
    super.clearBatch();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    ensureOpen();
    if (batch.isEmpty()) {
      return super.executeBatch();
    }
    try {
      if (insert.isPresent()) {
        insertBatch(insert.get());
        return successes(batch.size());
      }
      int[] counts = new int[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        counts[i] = executeUpdate(template.render(batch.get(i), set));
      }
      return counts;
    } catch (SQLException e) {
      throw new BatchUpdateException(
          e.getMessage(), e.getSQLState(), e.getErrorCode(), new int[0], e);
    } finally {
      batch.clear();
    }
  }

  private void insertBatch(InsertShape shape) throws SQLException {
    List<NativeColumn> codecs = encoders(shape);
    if (codecs == null) {
      executeUpdate(valuesText(shape));
      return;
    }
    ByteSink sink = new ByteSink(batch.size() * 16 * codecs.size());
    try {
      NativeColumn.writeBlock(sink, columnNames, codecs, batch);
    } catch (RuntimeException e) {
      throw new SQLException(
          e.getMessage().replaceFirst(", column ", " does not fit the column ")
              + " of "
              + shape.table(),
          "22000",
          e);
    }
    try (Arena arena = Arena.ofConfined()) {
      connection.nativeConnection().insert(shape.prefix(), "Native", sink.toNative(arena));
    }
  }

  /**
   * One text INSERT for the whole batch: the fallback for column types Native cannot carry here.
   */
  private String valuesText(InsertShape shape) {
    StringBuilder b = new StringBuilder(shape.prefix()).append(" VALUES ");
    for (int i = 0; i < batch.size(); i++) {
      StringJoiner row = new StringJoiner(", ", i == 0 ? "(" : ", (", ")");
      Object[] values = batch.get(i);
      for (int c = 0; c < values.length; c++) {
        row.add(SqlLiterals.render(values[c], columnTypes.get(c)));
      }
      b.append(row);
    }
    return b.toString();
  }

  /** The target columns' encoders in placeholder order, or null when one type has none. */
  private List<NativeColumn> encoders(InsertShape shape) throws SQLException {
    if (encoders != null) {
      return encoders.isEmpty() ? null : encoders;
    }
    Map<String, ClickHouseType> types = new HashMap<>();
    List<String> insertable = new ArrayList<>();
    try (ChdbStatement describe = new ChdbStatement(connection);
        ResultSet rs = describe.executeQuery("DESCRIBE TABLE " + shape.table())) {
      while (rs.next()) {
        types.put(rs.getString("name"), ClickHouseType.parse(rs.getString("type")));
        String kind = rs.getString("default_type");
        if (kind == null || kind.isEmpty() || kind.equals("DEFAULT")) {
          insertable.add(rs.getString("name"));
        }
      }
    }
    List<String> columns =
        shape.columns().isEmpty()
            ? insertable
            : shape.columns().stream().map(InsertShape::unquote).toList();
    if (columns.size() != shape.placeholders()) {
      throw new SQLException(
          shape.table()
              + " takes "
              + columns.size()
              + " columns, the statement binds "
              + shape.placeholders(),
          "21S01");
    }
    List<ClickHouseType> targets = new ArrayList<>();
    for (String column : columns) {
      ClickHouseType type = types.get(column);
      if (type == null) {
        throw new SQLException("no column " + column + " in " + shape.table(), "42S22");
      }
      targets.add(type);
    }
    columnTypes = List.copyOf(targets);
    columnNames = List.copyOf(columns);
    List<NativeColumn> resolved = new ArrayList<>();
    for (ClickHouseType type : columnTypes) {
      Optional<NativeColumn> encoder = NativeColumn.forType(type);
      if (encoder.isEmpty()) {
        encoders = List.of();
        return null;
      }
      resolved.add(encoder.get());
    }
    encoders = List.copyOf(resolved);
    return encoders;
  }

  @Override
  public void clearParameters() {
    Arrays.fill(values, null);
    Arrays.fill(set, false);
  }

  @Override
  public void setNull(int index, int sqlType) throws SQLException {
    bind(index, null);
  }

  @Override
  public void setNull(int index, int sqlType, String typeName) throws SQLException {
    bind(index, null);
  }

  @Override
  public void setBoolean(int index, boolean x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setByte(int index, byte x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setShort(int index, short x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setInt(int index, int x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setLong(int index, long x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setFloat(int index, float x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setDouble(int index, double x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setBigDecimal(int index, BigDecimal x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setString(int index, String x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setNString(int index, String x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setBytes(int index, byte[] x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setDate(int index, Date x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setDate(int index, Date x, Calendar cal) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setTime(int index, Time x) throws SQLException {
    bind(index, x == null ? null : x.toString());
  }

  @Override
  public void setTimestamp(int index, Timestamp x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setArray(int index, Array x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setObject(int index, Object x) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType) throws SQLException {
    bind(index, x);
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    bind(index, x);
  }

  @Override
  public ResultSetMetaData getMetaData() {
    return null; // unknown before execution, as JDBC allows
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    throw unsupported("getParameterMetaData");
  }
}
