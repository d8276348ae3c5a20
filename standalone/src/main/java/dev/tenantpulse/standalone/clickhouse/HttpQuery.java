package dev.tenantpulse.standalone.clickhouse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One request to the HTTP interface as ClickHouse reads it: the query from the {@code query} URL
 * parameter and/or the body, the credentials, the protocol parameters, {@code param_x} values and
 * every other URL parameter as a setting.
 */
record HttpQuery(
    String sql,
    Credentials credentials,
    Optional<String> database,
    String defaultFormat,
    Optional<String> queryId,
    boolean compressNative,
    boolean httpCompression,
    long clientProtocolVersion,
    Map<String, String> settings,
    Map<String, String> parameters) {

  /** URL parameters that steer the protocol and are not settings of the query. */
  static final Set<String> PROTOCOL_PARAMETERS =
      Set.of(
          "query",
          "database",
          "default_format",
          "user",
          "password",
          "query_id",
          "session_id",
          "session_timeout",
          "session_check",
          "compress",
          "decompress",
          "enable_http_compression",
          "http_zlib_compression_level",
          "role",
          "quota_key",
          "client_protocol_version",
          "buffer_size",
          "wait_end_of_query",
          "send_progress_in_http_headers",
          "http_headers_progress_interval_ms",
          "add_http_cors_header",
          "cancel_http_readonly_queries_on_client_close");

  static final String DEFAULT_FORMAT = "TabSeparated";

  /** Who the request says it is. */
  record Credentials(String user, String password, boolean given) {
    @Override
    public String toString() {
      return "Credentials[user=" + user + "]"; // never the password
    }
  }

  /**
   * @param parameters the decoded URL parameters (the last of a repeated name wins, as in
   *     ClickHouse)
   * @param header a request header by (case-insensitive) name, null when absent
   * @param body the request body, already decoded from its Content-Encoding
   */
  static HttpQuery parse(
      Map<String, String> parameters,
      java.util.function.Function<String, String> header,
      String body)
      throws ClickHouseError {
    String fromUrl = parameters.getOrDefault("query", "");
    String sql =
        fromUrl.isEmpty()
            ? body
            : body.isBlank() ? fromUrl : fromUrl + "\n" + body; // as ClickHouse
    if (sql.isBlank()) {
      throw ClickHouseError.of(ClickHouseError.SYNTAX_ERROR, "Empty query");
    }
    Credentials credentials = credentials(parameters, header);
    Optional<String> database =
        Optional.ofNullable(parameters.get("database"))
            .or(() -> Optional.ofNullable(header.apply("X-ClickHouse-Database")))
            .filter(name -> !name.isEmpty());
    String format =
        Optional.ofNullable(parameters.get("default_format"))
            .or(() -> Optional.ofNullable(header.apply("X-ClickHouse-Format")))
            .filter(name -> !name.isEmpty())
            .orElse(DEFAULT_FORMAT);
    if (!format.matches("[A-Za-z0-9]{1,64}")) {
      throw ClickHouseError.of(
          ClickHouseError.UNKNOWN_FORMAT, "Unknown format " + Printable.of(format));
    }
    if (flag(parameters, "decompress")) {
      throw ClickHouseError.of(
          ClickHouseError.UNKNOWN_ENDPOINT,
          "decompress=1 (a compressed request body) is not supported here: this interface only"
              + " reads, so send the query as plain text or with a Content-Encoding");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    parameters.forEach(
        (name, value) -> {
          if (name.startsWith("param_")) {
            values.put(name.substring("param_".length()), value);
          } else if (!PROTOCOL_PARAMETERS.contains(name)) {
            settings.put(name, value);
          }
        });
    return new HttpQuery(
        sql,
        credentials,
        database,
        format,
        Optional.ofNullable(parameters.get("query_id"))
            .or(() -> Optional.ofNullable(header.apply("X-ClickHouse-Query-Id")))
            .filter(id -> !id.isEmpty()),
        flag(parameters, "compress"),
        flag(parameters, "enable_http_compression"),
        protocolVersion(parameters.get("client_protocol_version")),
        settings,
        values);
  }

  /** The protocol revision a client reads Native in (clickhouse-go sends its own); 0: none. */
  private static long protocolVersion(String value) throws ClickHouseError {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      long version = Long.parseLong(value);
      if (version >= 0) {
        return version;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ClickHouseError.of(
        ClickHouseError.BAD_ARGUMENTS,
        "client_protocol_version takes a revision number; got " + Printable.of(value));
  }

  private static boolean flag(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }

  /**
   * X-ClickHouse-User/-Key headers, else HTTP Basic, else the {@code user}/{@code password}
   * parameters, else ClickHouse's {@code default} user with no password. Two methods at once are
   * refused, as ClickHouse refuses them.
   */
  private static Credentials credentials(
      Map<String, String> parameters, java.util.function.Function<String, String> header)
      throws ClickHouseError {
    String headerUser = header.apply("X-ClickHouse-User");
    String headerKey = header.apply("X-ClickHouse-Key");
    String authorization = header.apply("Authorization");
    boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    boolean byHeaders = headerUser != null || headerKey != null;
    boolean byParameters = parameters.containsKey("user") || parameters.containsKey("password");
    int methods = (byHeaders ? 1 : 0) + (basic ? 1 : 0) + (byParameters ? 1 : 0);
    if (methods > 1) {
      throw ClickHouseError.of(
          ClickHouseError.AUTHENTICATION_FAILED,
          "Invalid authentication: it is not allowed to use more than one of the X-ClickHouse"
              + " headers, HTTP Basic and the user/password parameters at once");
    }
    if (byHeaders) {
      return new Credentials(
          headerUser == null ? "default" : headerUser, headerKey == null ? "" : headerKey, true);
    }
    if (basic) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ClickHouseError.of(
            ClickHouseError.AUTHENTICATION_FAILED,
            "Invalid authentication: the Basic credentials are not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw ClickHouseError.of(
            ClickHouseError.AUTHENTICATION_FAILED,
            "Invalid authentication: the Basic credentials hold no ':' between user and password");
      }
      return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), true);
    }
    if (byParameters) {
      return new Credentials(
          parameters.getOrDefault("user", "default"),
          parameters.getOrDefault("password", ""),
          true);
    }
    return new Credentials("default", "", false);
  }
}
