package dev.tenantpulse.standalone.clickhouse;

import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error as a ClickHouse server reports it over HTTP: {@code Code: N. DB::Exception: message.
 * (NAME) (version V)} in the body, the code in {@code X-ClickHouse-Exception-Code}, and the HTTP
 * status ClickHouse maps the code to (src/Server/HTTP/exceptionCodeToHTTPStatus.cpp), so clients
 * that parse either one understand it.
 *
 * <p>One deliberate difference: ClickHouse answers a READONLY or a too-many-queries refusal with
 * 500. Here they are 403 and 503, because this service answers bad input with a 4xx and an overload
 * with a status clients retry on.
 */
final class ClickHouseError extends Exception {

  static final int BAD_ARGUMENTS = 36;
  static final int SYNTAX_ERROR = 62;
  static final int UNKNOWN_FORMAT = 73;
  static final int UNKNOWN_SETTING = 115;
  static final int TIMEOUT_EXCEEDED = 159;
  static final int READONLY = 164;
  static final int REQUIRED_PASSWORD = 194;
  static final int TOO_MANY_SIMULTANEOUS_QUERIES = 202;
  static final int QUERY_IS_TOO_LARGE = 229;
  static final int SETTING_CONSTRAINT_VIOLATION = 452;
  static final int ACCESS_DENIED = 497;
  static final int AUTHENTICATION_FAILED = 516;
  static final int CANNOT_DECOMPRESS = 271;
  static final int UNSUPPORTED_ENCODING = 415; // UNSUPPORTED_MEDIA_TYPE
  static final int UNKNOWN_ENDPOINT =
      48; // NOT_IMPLEMENTED, as ClickHouse answers an unknown handler

  /** Code and name of what this interface raises itself; the engine names its own errors. */
  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(BAD_ARGUMENTS, "BAD_ARGUMENTS"),
          Map.entry(SYNTAX_ERROR, "SYNTAX_ERROR"),
          Map.entry(UNKNOWN_FORMAT, "UNKNOWN_FORMAT"),
          Map.entry(UNKNOWN_SETTING, "UNKNOWN_SETTING"),
          Map.entry(TIMEOUT_EXCEEDED, "TIMEOUT_EXCEEDED"),
          Map.entry(READONLY, "READONLY"),
          Map.entry(REQUIRED_PASSWORD, "REQUIRED_PASSWORD"),
          Map.entry(TOO_MANY_SIMULTANEOUS_QUERIES, "TOO_MANY_SIMULTANEOUS_QUERIES"),
          Map.entry(QUERY_IS_TOO_LARGE, "QUERY_IS_TOO_LARGE"),
          Map.entry(SETTING_CONSTRAINT_VIOLATION, "SETTING_CONSTRAINT_VIOLATION"),
          Map.entry(ACCESS_DENIED, "ACCESS_DENIED"),
          Map.entry(AUTHENTICATION_FAILED, "AUTHENTICATION_FAILED"),
          Map.entry(CANNOT_DECOMPRESS, "CANNOT_DECOMPRESS"),
          Map.entry(UNSUPPORTED_ENCODING, "UNSUPPORTED_MEDIA_TYPE"),
          Map.entry(UNKNOWN_ENDPOINT, "NOT_IMPLEMENTED"));

  // exceptionCodeToHTTPStatus, by code (names in ClickHouse's src/Common/ErrorCodes.cpp).
  private static final Map<Integer, Integer> STATUS = statuses();

  private static final Pattern ENGINE_TEXT = Pattern.compile("^Code: (\\d+)\\. DB::Exception: ");
  private static final Pattern TRAILING_NAME = Pattern.compile("\\(([A-Z_0-9]+)\\)\\s*$");

  private final int code;
  private final String text;

  private ClickHouseError(int code, String text) {
    super(text);
    this.code = code;
    this.text = text;
  }

  /** An error this interface raises: {@code message} without code, name or version. */
  static ClickHouseError of(int code, String message) {
    String name = NAMES.getOrDefault(code, "UNKNOWN_EXCEPTION");
    String sentence = message.endsWith(".") ? message : message + ".";
    return new ClickHouseError(
        code, "Code: " + code + ". DB::Exception: " + sentence + " (" + name + ")");
  }

  /** What the engine (or the read-only guard in front of it) said, in ClickHouse's form. */
  static ClickHouseError from(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().strip();
    // chDB nests the engine's text ("Code: 164. DB::Exception: Code: 164. DB::Exception: …").
    Matcher engine = ENGINE_TEXT.matcher(message);
    while (engine.find()) {
      String inner = message.substring(engine.end());
      if (!ENGINE_TEXT.matcher(inner).find()) {
        break;
      }
      message = inner;
      engine = ENGINE_TEXT.matcher(message);
    }
    int code = e.getErrorCode();
    if (ENGINE_TEXT.matcher(message).find()) {
      return new ClickHouseError(code != 0 ? code : 1001, message);
    }
    if (code == 0) {
      code = 1001; // STD_EXCEPTION: the engine gave no code
    }
    if (TRAILING_NAME.matcher(message).find()) {
      return new ClickHouseError(code, "Code: " + code + ". DB::Exception: " + message);
    }
    return of(code, message);
  }

  int code() {
    return code;
  }

  /** The HTTP status a ClickHouse server sends with this code. */
  int httpStatus() {
    return STATUS.getOrDefault(code, 500);
  }

  /** The body: the error text with the server's version, as ClickHouse ends it. */
  String body(String version) {
    return (text.contains("(version ") ? text : text + " (version " + version + ")") + "\n";
  }

  private static Map<Integer, Integer> statuses() {
    Map<Integer, Integer> s = new java.util.HashMap<>();
    s.put(REQUIRED_PASSWORD, 401);
    // UNKNOWN_USER, WRONG_PASSWORD, AUTHENTICATION_FAILED, SET_NON_GRANTED_ROLE, ACCESS_DENIED
    for (int c : new int[] {192, 193, 516, 512, 497}) {
      s.put(c, 403);
    }
    // BAD_ARGUMENTS, CANNOT_COMPILE_REGEXP, CANNOT_PARSE_TEXT, _ESCAPE_SEQUENCE, _QUOTED_STRING,
    // _DATE, _DATETIME, _NUMBER, _DOMAIN_VALUE_FROM_STRING, _IPV4, _IPV6, _INPUT_ASSERTION_FAILED,
    // _UUID, DUPLICATE_COLUMN, ILLEGAL_COLUMN, UNKNOWN_ELEMENT_IN_AST, UNKNOWN_TYPE_OF_AST_NODE,
    // THERE_IS_NO_COLUMN, TOO_DEEP_AST, TOO_BIG_AST, UNEXPECTED_AST_STRUCTURE, SYNTAX_ERROR,
    // INCORRECT_DATA, TYPE_MISMATCH, VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
    for (int c :
        new int[] {
          36, 427, 6, 25, 26, 38, 41, 72, 441, 676, 677, 27, 376, 15, 44, 51, 52, 8, 167, 168, 223,
          62, 117, 53, 321
        }) {
      s.put(c, 400);
    }
    // UNKNOWN_TABLE, UNKNOWN_FUNCTION, UNKNOWN_IDENTIFIER, UNKNOWN_TYPE, UNKNOWN_STORAGE,
    // UNKNOWN_DATABASE, UNKNOWN_SETTING, UNKNOWN_DIRECTION_OF_SORTING, UNKNOWN_AGGREGATE_FUNCTION,
    // UNKNOWN_FORMAT, UNKNOWN_DATABASE_ENGINE, UNKNOWN_TYPE_OF_QUERY, UNKNOWN_ROLE
    for (int c : new int[] {60, 46, 47, 50, 56, 81, 115, 58, 63, 73, 336, 78, 511}) {
      s.put(c, 404);
    }
    s.put(QUERY_IS_TOO_LARGE, 413);
    s.put(48, 501); // NOT_IMPLEMENTED
    s.put(209, 503); // SOCKET_TIMEOUT
    s.put(76, 503); // CANNOT_OPEN_FILE
    s.put(381, 411); // HTTP_LENGTH_REQUIRED
    s.put(TIMEOUT_EXCEEDED, 408);
    s.put(439, 503); // CANNOT_SCHEDULE_TASK
    s.put(415, 415); // UNSUPPORTED_MEDIA_TYPE
    // The deliberate differences (see the class comment).
    s.put(READONLY, 403);
    s.put(TOO_MANY_SIMULTANEOUS_QUERIES, 503);
    s.put(SETTING_CONSTRAINT_VIOLATION, 400);
    s.put(456, 400); // UNKNOWN_QUERY_PARAMETER: the request lacks a param_ the query names
    s.put(457, 400); // BAD_QUERY_PARAMETER: a param_ value the type cannot read
    return Map.copyOf(s);
  }
}
