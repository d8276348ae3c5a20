package dev.tenantpulse.warehouse.chdb;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code jdbc:chdb:<data directory>[?setting=value&...]}: the data directory of the embedded engine
 * and the ClickHouse settings of the session. Properties passed to {@code connect} are settings
 * too; {@code user} and {@code password} are ignored (chDB has no users).
 *
 * <p>One property is the driver's, not the engine's: {@code max_output_bytes} refuses a result
 * whose output is larger before any of it is copied into the Java heap (the engine hands over a
 * whole buffer; 300 rows of a megabyte each are 300 MB on a heap that Flink and Kafka share).
 *
 * <p>Every session reads and writes times in UTC and quotes decimals and non-finite floats in its
 * JSON output, so values survive the trip to Java exactly; a URL may override these.
 *
 * <p>Inserts are synchronous ({@code async_insert=0}): the engine's default (1) buffers inserts
 * server-side, which the driver never wants (a sink's batch is written when executeBatch returns),
 * and it made an ordinary {@code INSERT … VALUES} fail now and then with "async inserts with both
 * inlined and external data … not supported" once the engine had taken a streamed insert.
 */
record ChdbUrl(Path dataPath, Map<String, String> settings, long maxOutputBytes) {

  static final String PREFIX = "jdbc:chdb:";
  static final String MAX_OUTPUT_BYTES = "max_output_bytes";
  private static final Map<String, String> SESSION_DEFAULTS =
      Map.of(
          "session_timezone", "UTC",
          "async_insert", "0",
          "output_format_json_quote_decimals", "1",
          "output_format_json_quote_denormals", "1",
          "output_format_json_quote_64bit_integers", "1");

  static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  static ChdbUrl parse(String url, Properties info) throws SQLException {
    if (!accepts(url)) {
      throw new SQLException("not a jdbc:chdb URL: " + url, "08001");
    }
    String rest = url.substring(PREFIX.length());
    int q = rest.indexOf('?');
    String path = q < 0 ? rest : rest.substring(0, q);
    if (path.isBlank()) {
      throw new SQLException(
          "jdbc:chdb needs a data directory, e.g. jdbc:chdb:./data/clickhouse", "08001");
    }
    Map<String, String> settings = new LinkedHashMap<>(SESSION_DEFAULTS);
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new SQLException("malformed setting '" + pair + "' in " + url, "08001");
        }
        settings.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        if (!name.equals("user") && !name.equals("password")) {
          settings.put(name, info.getProperty(name));
        }
      }
    }
    for (String name : settings.keySet()) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
        throw new SQLException("not a ClickHouse setting name: '" + name + "'", "08001");
      }
    }
    long maxOutputBytes = 0;
    String outputCap = settings.remove(MAX_OUTPUT_BYTES);
    if (outputCap != null) {
      // ASCII digits only: Long.parseLong would also read other scripts' digits.
      String digits = outputCap.strip();
      maxOutputBytes = digits.matches("[0-9]{1,18}") ? Long.parseLong(digits) : -1;
      if (maxOutputBytes < 1) {
        throw new SQLException(
            MAX_OUTPUT_BYTES + " must be a positive number of bytes, got '" + outputCap + "'",
            "08001");
      }
    }
    // readonly must come last: applied first, it would forbid the settings after it.
    String readonly = settings.remove("readonly");
    if (readonly != null) {
      settings.put("readonly", readonly);
    }
    return new ChdbUrl(Path.of(path), Map.copyOf(settings), maxOutputBytes);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  boolean readOnly() {
    String value = settings.get("readonly");
    return value != null && !value.equals("0");
  }

  /** Settings in an order the engine can apply: readonly last. */
  Map<String, String> orderedSettings() {
    Map<String, String> ordered = new LinkedHashMap<>(settings);
    String readonly = ordered.remove("readonly");
    if (readonly != null) {
      ordered.put("readonly", readonly);
    }
    return ordered;
  }
}
