package dev.tenantpulse.standalone.clickhouse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The URL parameters, read from the raw query string and never from a form body (a POST body is the
 * query). {@code +} is a space, as browsers and the JavaScript client encode it; the last of a
 * repeated name wins.
 */
final class QueryString {

  static final int MAX_PARAMETERS = 1_000;

  private QueryString() {}

  static Map<String, String> parse(String raw) throws ClickHouseError {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    String[] pairs = raw.split("&", -1);
    if (pairs.length > MAX_PARAMETERS) {
      throw ClickHouseError.of(
          ClickHouseError.BAD_ARGUMENTS,
          "The URL holds " + pairs.length + " parameters; at most " + MAX_PARAMETERS + " are read");
    }
    for (String pair : pairs) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.put(name, value);
    }
    return parameters;
  }

  private static String decode(String text) throws ClickHouseError {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ClickHouseError.of(
          ClickHouseError.BAD_ARGUMENTS,
          "The URL holds a malformed percent-encoding in " + Printable.of(text));
    }
  }
}
