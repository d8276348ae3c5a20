package dev.tenantpulse.warehouse.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a ClickHouse database to the current schema, the same way on chDB ({@code jdbc:chdb:}) and
 * on a ClickHouse server ({@code jdbc:clickhouse:}).
 *
 * <p>Migrations are the schema's single source. Each is applied once and recorded in {@code
 * schema_migrations} with its checksum; applying is idempotent (every statement is IF NOT EXISTS),
 * so a crash halfway through is mended by running again, and two processes migrating at once do no
 * harm. A migration file that changed after it was applied stops the start-up: schema changes are
 * new files, never edits.
 */
public final class ClickHouseMigrations {

  /** In order. A new migration is a new file here and a new line below; old ones never change. */
  static final List<String> FILES =
      List.of(
          "V001__events_and_tenants.sql",
          "V002__active_tenants.sql",
          "V003__feature_adoption.sql",
          "V004__onboarding.sql",
          "V005__usage.sql",
          "V006__rejected_events.sql",
          "V007__usage_rollups.sql",
          "V008__billing.sql",
          "V009__billing_reconciliation.sql");

  private static final Logger log = LoggerFactory.getLogger(ClickHouseMigrations.class);
  private static final String RESOURCE_DIR = "/dev/tenantpulse/warehouse/migrations/";
  private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3})__([a-z0-9_]+)\\.sql");
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final List<Migration> migrations;
  private final String database;

  private ClickHouseMigrations(List<Migration> migrations, String database) {
    this.migrations = migrations;
    this.database = database;
  }

  /** The project's migrations for the database {@code tenant_pulse}. */
  public static ClickHouseMigrations forDefaultDatabase() {
    return forDatabase(Migration.DEFAULT_DATABASE);
  }

  /** The project's migrations for another database name (one per test, or per environment). */
  public static ClickHouseMigrations forDatabase(String database) {
    if (!DATABASE.matcher(database).matches()) {
      throw new IllegalArgumentException("not a database name: '" + database + "'");
    }
    return new ClickHouseMigrations(load(), database);
  }

  public List<Migration> migrations() {
    return migrations;
  }

  public String database() {
    return database;
  }

  static List<Migration> load() {
    List<Migration> loaded = new ArrayList<>();
    for (String file : FILES) {
      Matcher m = FILE_NAME.matcher(file);
      if (!m.matches()) {
        throw new IllegalStateException("migration file name " + file + " is not V###__name.sql");
      }
      String sql = read(file);
      loaded.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), sql, sha256(sql)));
    }
    for (int i = 0; i < loaded.size(); i++) {
      if (loaded.get(i).version() != i + 1) {
        throw new IllegalStateException("migrations must be numbered 1, 2, 3 …: " + FILES);
      }
    }
    return List.copyOf(loaded);
  }

  /**
   * Applies every migration not yet recorded, in order.
   *
   * @return the migrations applied now (empty when the schema was already current)
   */
  public List<Migration> migrate(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + database);
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + database
              + ".schema_migrations (version UInt32, name String, checksum String,"
              + " applied_at DateTime64(3, 'UTC') DEFAULT now64(3))"
              + " ENGINE = ReplacingMergeTree ORDER BY version"
              + " COMMENT 'Schema migrations applied to this database, one row per version'");
    }
    Map<Integer, String> applied = applied(connection);
    List<Migration> now = new ArrayList<>();
    for (Migration migration : migrations) {
      String checksum = applied.get(migration.version());
      if (checksum != null) {
        if (!checksum.equals(migration.checksum())) {
          throw new IllegalStateException(
              "migration "
                  + migration.label()
                  + " was applied to "
                  + database
                  + " with checksum "
                  + checksum
                  + " but its file now has "
                  + migration.checksum()
                  + ": applied migrations are immutable, add a new one instead");
        }
        continue;
      }
      apply(connection, migration);
      now.add(migration);
    }
    if (now.isEmpty()) {
      log.info("ClickHouse schema {} is current ({} migrations)", database, migrations.size());
    }
    return now;
  }

  private void apply(Connection connection, Migration migration) throws SQLException {
    long started = System.nanoTime();
    try (Statement s = connection.createStatement()) {
      for (String statement : migration.statements(database)) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new SQLException(
          "migration " + migration.label() + " failed on " + database + ": " + e.getMessage(),
          e.getSQLState(),
          e.getErrorCode(),
          e);
    }
    try (PreparedStatement record =
        connection.prepareStatement(
            "INSERT INTO "
                + database
                + ".schema_migrations (version, name, checksum) VALUES (?, ?, ?)")) {
      record.setInt(1, migration.version());
      record.setString(2, migration.name());
      record.setString(3, migration.checksum());
      record.executeUpdate();
    }
    log.info(
        "applied ClickHouse migration {} to {} in {} ms",
        migration.label(),
        database,
        (System.nanoTime() - started) / 1_000_000);
  }

  private Map<Integer, String> applied(Connection connection) throws SQLException {
    Map<Integer, String> applied = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, checksum FROM "
                    + database
                    + ".schema_migrations FINAL ORDER BY version")) {
      while (rs.next()) {
        applied.put(rs.getInt(1), rs.getString(2));
      }
    }
    return applied;
  }

  private static String read(String file) {
    try (InputStream in = ClickHouseMigrations.class.getResourceAsStream(RESOURCE_DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("migration " + file + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
