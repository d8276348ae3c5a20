package dev.tenantpulse.standalone.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/sql}: one read-only statement on the embedded ClickHouse, answered as JSON
 * (default) or CSV ({@code Accept: text/csv} or {@code ?format=csv}).
 *
 * <pre>
 * curl -s localhost:8082/api/sql -H "Authorization: Bearer $TOKEN" \
 *   -H 'Content-Type: application/json' \
 *   -d '{"sql": "SELECT window_end, active_24h FROM active_tenants_hourly FINAL ORDER BY window_end DESC LIMIT 3"}'
 * curl -s 'localhost:8082/api/sql?format=csv' -H "Authorization: Bearer $TOKEN" \
 *   -H 'Content-Type: text/plain' --data-binary 'SELECT plan, count() FROM tenants FINAL GROUP BY plan'
 * </pre>
 */
@RestController
class SqlController {

  private static final MediaType CSV = new MediaType("text", "csv");

  private final SqlRunner runner;
  private final ConsoleSettings settings;

  SqlController(SqlRunner runner, ConsoleSettings settings) {
    this.runner = runner;
    this.settings = settings;
  }

  /** The JSON body: {@code {"sql": "…", "max_rows": 100, "timeout_seconds": 10}}. */
  record Body(
      String sql,
      @JsonProperty("max_rows") Integer maxRows,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds) {}

  /**
   * The largest request body read: a statement of {@link SqlRequest#MAX_SQL_CHARS} characters, with
   * room for JSON escaping and multi-byte characters.
   */
  static final int MAX_BODY_BYTES = 4 * SqlRequest.MAX_SQL_CHARS;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @PostMapping(path = "/api/sql", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> json(
      HttpServletRequest request,
      @RequestParam(name = "format", required = false) String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept)
      throws IOException {
    byte[] bytes =
        BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), MAX_BODY_BYTES);
    Body body;
    try {
      body = JSON.readValue(bytes, Body.class);
    } catch (JacksonException e) {
      throw ConsoleException.badRequest("malformed_body", "the request body is not readable JSON");
    }
    if (body == null) {
      throw ConsoleException.badRequest("invalid_query_request", "send {\"sql\": \"…\"}");
    }
    return answer(
        SqlRequest.of(body.sql(), body.maxRows(), body.timeoutSeconds(), settings), format, accept);
  }

  @PostMapping(path = "/api/sql", consumes = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<?> text(
      HttpServletRequest request,
      @RequestParam(name = "max_rows", required = false) Integer maxRows,
      @RequestParam(name = "timeout_seconds", required = false) Integer timeoutSeconds,
      @RequestParam(name = "format", required = false) String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept)
      throws IOException {
    byte[] bytes =
        BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), MAX_BODY_BYTES);
    String sql = new String(bytes, textCharset(request));
    return answer(SqlRequest.of(sql, maxRows, timeoutSeconds, settings), format, accept);
  }

  private static Charset textCharset(HttpServletRequest request) {
    String name = request.getCharacterEncoding();
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw ConsoleException.badRequest("bad_charset", "unknown charset '" + name + "'");
    }
  }

  private ResponseEntity<?> answer(SqlRequest request, String format, String accept) {
    boolean csv = wantsCsv(format, accept);
    SqlResult result = runner.run(request);
    if (!csv) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header("X-Truncated", Boolean.toString(result.truncated()))
        .body(Csv.render(result));
  }

  static boolean wantsCsv(String format, String accept) {
    if (format != null) {
      return switch (format.toLowerCase(Locale.ROOT)) {
        case "csv" -> true;
        case "json" -> false;
        default ->
            throw ConsoleException.badRequest(
                "bad_parameter", "format: json or csv, got '" + format + "'");
      };
    }
    if (accept == null) {
      return false;
    }
    List<MediaType> accepted =
        MediaType.parseMediaTypes(accept).stream()
            .filter(type -> type.getQualityValue() > 0)
            .sorted(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed())
            .toList();
    for (MediaType type : accepted) {
      if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
        return false;
      }
      if (type.isCompatibleWith(CSV) && !type.isWildcardType()) {
        return true;
      }
    }
    return false;
  }
}
