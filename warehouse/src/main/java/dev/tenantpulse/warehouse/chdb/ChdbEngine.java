package dev.tenantpulse.warehouse.chdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one chDB engine of this process.
 *
 * <p>chDB runs ClickHouse inside the process and admits one data path per process: several
 * connections may share that path, each with its own session settings, but once the engine has
 * booted on a path, chdb_connect returns NULL for any other path, even after every connection has
 * closed (seen on 26.7). This class turns that engine limit into a clear {@link SQLException}
 * instead of a NULL pointer.
 */
final class ChdbEngine {

  private static Path openPath;
  private static int openConnections;

  private ChdbEngine() {}

  /**
   * Opens a native connection (one ClickHouse session) on {@code dataPath}.
   *
   * @param settings ClickHouse query-level settings for this session only, e.g. readonly=1
   */
  static synchronized NativeConnection connect(Path dataPath, Map<String, String> settings)
      throws SQLException {
    Path path = dataPath.toAbsolutePath().normalize();
    if (openPath != null && !openPath.equals(path)) {
      throw new SQLException(
          "chDB runs one engine per process and this process booted it on "
              + openPath
              + "; it cannot open "
              + path
              + " as well (use one data directory per process)",
          "08001");
    }
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new SQLException("cannot create the chDB data directory " + path, "08001", e);
    }
    List<String> args = new ArrayList<>();
    args.add("clickhouse");
    args.add("--path=" + path);
    settings.forEach((name, value) -> args.add("--" + name + "=" + value));
    NativeConnection connection = NativeConnection.open(ChdbLibrary.get(), args, path);
    openPath = path;
    openConnections++;
    return connection;
  }

  static synchronized void released() {
    openConnections--; // the path stays: the engine cannot move to another one in this process
  }

  static synchronized int openConnections() {
    return openConnections;
  }

  static synchronized Path openPath() {
    return openPath;
  }
}
