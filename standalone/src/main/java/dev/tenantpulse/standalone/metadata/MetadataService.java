package dev.tenantpulse.standalone.metadata;

import dev.tenantpulse.standalone.lifecycle.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata databases of the embedded default: one H2 file per service ({@code collector}: API
 * keys and plans; {@code alerting}: rules state, silences, outbox, Quartz), where production uses
 * PostgreSQL. One file per service because each runs its own Flyway migrations with their own
 * history table, as each has its own database in production.
 *
 * <p>This service opens each database first (a file held by another process or a damaged one is
 * reported here, before the services start) and keeps a connection to it, so the database stays
 * open until every service using it has stopped; then it shuts it down cleanly ({@code SHUTDOWN}).
 * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would otherwise close it under services
 * that are still stopping.
 */
public final class MetadataService implements Service {

  private final Path dir;
  private final List<String> databases;
  private final Map<String, Connection> open = new LinkedHashMap<>();

  public MetadataService(Path dir, List<String> databases) {
    this.dir = dir.toAbsolutePath().normalize();
    this.databases = List.copyOf(databases);
  }

  @Override
  public String name() {
    return "Metadata database (H2)";
  }

  @Override
  public Started start() throws Exception {
    Files.createDirectories(dir);
    for (String database : databases) {
      try {
        open.put(database, DriverManager.getConnection(url(database), "sa", ""));
      } catch (SQLException e) {
        closeAll();
        throw new SQLException(
            "cannot open the H2 metadata database " + dir.resolve(database) + ": " + e.getMessage(),
            e.getSQLState(),
            e);
      }
    }
    return Started.at(dir + " (" + String.join(", ", databases) + ")");
  }

  /** The JDBC URL of one service's database. */
  public String url(String database) {
    if (!databases.contains(database)) {
      throw new IllegalArgumentException("no metadata database '" + database + "'");
    }
    return "jdbc:h2:file:" + dir.resolve(database) + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  @Override
  public void stop() throws SQLException {
    List<SQLException> failures = new ArrayList<>();
    for (Map.Entry<String, Connection> entry : open.entrySet()) {
      try (Statement s = entry.getValue().createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        failures.add(e);
      }
    }
    closeAll();
    if (!failures.isEmpty()) {
      SQLException first = failures.getFirst();
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  private void closeAll() {
    for (Connection connection : open.values()) {
      try {
        connection.close();
      } catch (SQLException e) {
        // after SHUTDOWN the connection is already closed
      }
    }
    open.clear();
  }
}
