package dev.tenantpulse.standalone.clickhouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** Where the figures were made: JVM, CPUs and their load, heap, engine version. */
final class MachineLine {

  private MachineLine() {}

  static String of(Connection chdb) throws SQLException {
    Runtime rt = Runtime.getRuntime();
    String version;
    try (Statement s = chdb.createStatement();
        ResultSet rs = s.executeQuery("SELECT version()")) {
      version = rs.next() ? rs.getString(1) : "unknown";
    }
    return String.format(
        Locale.ROOT,
        "JVM %s, %d CPUs (%s), load average %s, max heap %.1f GiB; chDB %s",
        System.getProperty("java.runtime.version"),
        rt.availableProcessors(),
        firstLine("/proc/cpuinfo", "model name"),
        firstLine("/proc/loadavg", ""),
        rt.maxMemory() / (1024.0 * 1024 * 1024),
        version);
  }

  private static String firstLine(String file, String prefix) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(l -> l.startsWith(prefix))
          .map(l -> prefix.isEmpty() ? l.strip() : l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
