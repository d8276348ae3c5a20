package dev.tenantpulse.alerting.clickhouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The ClickHouse database the Flink jobs write (chDB in the embedded default, a server in
 * production), read through jOOQ in the CLICKHOUSE dialect. One per process; the one-process
 * runtime may hand in its own so the engine is shared.
 *
 * <p>The metric tables are ReplacingMergeTree: a re-emitted row stays beside the old one until a
 * merge, so every read goes through {@link #finalTable}. Times are bound as UTC text and converted
 * by the engine ({@link #dateTime}): jOOQ binds an Instant with an offset that ClickHouse cannot
 * compare with a DateTime column.
 */
public final class ClickHouseSource {

  private static final DateTimeFormatter UTC_TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final DataSource dataSource;
  private final String database;
  private final Settings settings = new Settings().withRenderFormatted(false);

  public ClickHouseSource(DataSource dataSource, String database) {
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a ClickHouse database name: '" + database + "'");
    }
    this.dataSource = dataSource;
    this.database = database;
  }

  public String database() {
    return database;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** A context for rendering only (tests of the SQL text). */
  public DSLContext renderer() {
    return DSL.using(SQLDialect.CLICKHOUSE, settings);
  }

  /**
   * Runs {@code work} with a context on a fresh connection, closed afterwards. Failures surface as
   * Spring's {@link DataAccessResourceFailureException} saying it was ClickHouse.
   */
  public <T> T read(Function<DSLContext, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.apply(DSL.using(connection, SQLDialect.CLICKHOUSE, settings));
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("cannot reach ClickHouse: " + e.getMessage(), e);
    } catch (org.jooq.exception.DataAccessException e) {
      throw new DataAccessResourceFailureException(
          "ClickHouse query failed: " + e.getCause().getMessage(), e);
    }
  }

  /** {@code database.table FINAL}: the newest version of each row. */
  public Table<?> finalTable(String table) {
    return DSL.table("{0} FINAL", DSL.name(database, table));
  }

  /** {@code database.table} without FINAL (for max() and other merge-insensitive reads). */
  public Table<?> table(String table) {
    return DSL.table(DSL.name(database, table));
  }

  /** A DateTime('UTC') value for comparisons, bound as text. */
  public static Field<Object> dateTime(Instant at) {
    return DSL.field("toDateTime({0}, 'UTC')", Object.class, DSL.val(UTC_TEXT.format(at)));
  }

  /** A Date value for comparisons, bound as text. */
  public static Field<Object> date(LocalDate day) {
    return DSL.field("toDate({0})", Object.class, DSL.val(day.toString()));
  }

  /** A DateTime column as epoch seconds (a plain integer, read the same by every driver). */
  public static Field<Long> epochSeconds(String column) {
    return DSL.field("toUnixTimestamp({0})", SQLDataType.BIGINT, DSL.name(column));
  }

  /** A Date column as its ISO text, read the same by every driver. */
  public static Field<String> isoDate(String column) {
    return DSL.field("toString({0})", SQLDataType.VARCHAR, DSL.name(column));
  }
}
