package dev.tenantpulse.warehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** The line that says where a benchmark ran: JVM, CPUs, heap and engine version. */
final class SystemInfo {

  private SystemInfo() {}

  static String line(Connection connection) throws SQLException {
    Runtime rt = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "JVM %s %s (%s), %d CPUs (%s), max heap %.1f GiB, %s %s; chDB %s",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vendor"),
        rt.availableProcessors(),
        cpuModel(),
        rt.maxMemory() / (1024.0 * 1024 * 1024),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        engineVersion(connection));
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown model");
    } catch (IOException | RuntimeException e) {
      return "unknown model";
    }
  }

  private static String engineVersion(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT version()")) {
      return rs.next() ? rs.getString(1) : "unknown";
    }
  }
}
