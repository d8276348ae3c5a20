package dev.tenantpulse.standalone.clickhouse;

import dev.tenantpulse.access.Permission;
import dev.tenantpulse.access.Role;
import dev.tenantpulse.access.User;
import dev.tenantpulse.warehouse.chdb.ReadOnlySessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse's HTTP interface over the process's chDB engine, read-only: {@code /ping}, and {@code
 * GET}/{@code POST /} with the query in the {@code query} parameter and/or the body. See {@link
 * HttpQuery} for what a request may carry and {@link QueryResponse} for what it gets back.
 */
final class ClickHouseHttpServlet extends HttpServlet {

  private static final Logger log = LoggerFactory.getLogger(ClickHouseHttpServlet.class);
  private static final byte[] OK = "Ok.\n".getBytes(StandardCharsets.US_ASCII);

  private final transient ReadOnlySessions sessions;
  private final transient InterfaceUsers users;
  private final transient SettingsPolicy settings;
  private final ServerIdentity server;
  private final ClickHouseHttpSettings limits;
  private final transient Semaphore running;
  private final transient QueryMetrics metrics;

  ClickHouseHttpServlet(
      ReadOnlySessions sessions,
      InterfaceUsers users,
      SettingsPolicy settings,
      ServerIdentity server,
      ClickHouseHttpSettings limits,
      QueryMetrics metrics) {
    this.metrics = metrics;
    this.sessions = sessions;
    this.users = users;
    this.settings = settings;
    this.server = server;
    this.limits = limits;
    this.running = new Semaphore(limits.maxConcurrentQueries());
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getRequestURI();
    String method = request.getMethod();
    if (path.equals("/ping") || path.equals("/replicas_status")) {
      ok(response);
      return;
    }
    String queryId =
        Optional.ofNullable(request.getHeader("X-ClickHouse-Query-Id"))
            .filter(id -> !id.isBlank() && id.length() <= 128)
            .orElseGet(() -> UUID.randomUUID().toString());
    QueryResponse answer =
        new QueryResponse(
            response, queryId, server, false, Optional.empty(), 0, limits.bufferBytes(), 0);
    try {
      if (!path.equals("/")) {
        throw ClickHouseError.of(
            ClickHouseError.UNKNOWN_ENDPOINT,
            "There is no handle "
                + Printable.of(path)
                + ": use / for queries, /ping for health checks");
      }
      if (!method.equals("GET") && !method.equals("POST") && !method.equals("HEAD")) {
        throw ClickHouseError.of(
            ClickHouseError.UNKNOWN_ENDPOINT, "HTTP method " + method + " is not supported");
      }
      Map<String, String> parameters = QueryString.parse(request.getQueryString());
      String body = method.equals("POST") ? body(request) : "";
      if (method.equals("GET") && !parameters.containsKey("query")) {
        ok(response); // GET / without a query is ClickHouse's health check too
        return;
      }
      HttpQuery query = HttpQuery.parse(parameters, request::getHeader, body);
      if (query.queryId().isPresent() && query.queryId().get().length() <= 128) {
        queryId = query.queryId().get();
      }
      answer =
          new QueryResponse(
              response,
              queryId,
              server,
              query.compressNative(),
              query.httpCompression()
                  ? ContentEncoding.forResponse(request.getHeader("Accept-Encoding"))
                  : Optional.empty(),
              compressionLevel(parameters),
              limits.bufferBytes(),
              query.clientProtocolVersion());
      String role = authenticate(query.credentials());
      run(query, role, answer);
    } catch (ClickHouseError e) {
      log.debug("query {} refused: {}", queryId, e.getMessage());
      answer.fail(e);
    } finally {
      metrics.record(answer);
    }
  }

  private void run(HttpQuery query, String role, QueryResponse answer)
      throws ClickHouseError, IOException {
    Map<String, String> admitted = settings.admit(query.settings());
    if (!running.tryAcquire()) {
      throw ClickHouseError.of(
          ClickHouseError.TOO_MANY_SIMULTANEOUS_QUERIES,
          "Too many simultaneous queries. Maximum: " + limits.maxConcurrentQueries());
    }
    long start = System.nanoTime();
    try {
      ReadOnlySessions.Summary summary =
          sessions.run(
              new ReadOnlySessions.Query(
                  query.sql(),
                  query.database().or(() -> Optional.of(limits.defaultDatabase())),
                  query.defaultFormat(),
                  admitted,
                  query.parameters()),
              answer);
      answer.finish(summary);
      log.debug(
          "{} ({}) got {} rows, {} bytes of {} in {} ms",
          query.credentials().user(),
          role,
          summary.resultRows(),
          summary.resultBytes(),
          summary.format(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (SQLException e) {
      answer.fail(ClickHouseError.from(e));
    } catch (IllegalArgumentException e) {
      answer.fail(ClickHouseError.of(ClickHouseError.BAD_ARGUMENTS, e.getMessage()));
    } finally {
      running.release();
    }
  }

  private String authenticate(HttpQuery.Credentials credentials) throws ClickHouseError {
    Optional<User> user = users.authenticate(credentials.user(), credentials.password());
    if (user.isEmpty()) {
      throw ClickHouseError.of(
          ClickHouseError.AUTHENTICATION_FAILED,
          Printable.of(credentials.user())
              + ": Authentication failed: password is incorrect, or there is no user with such"
              + " name");
    }
    Role role = user.get().role();
    if (!role.may(Permission.RUN_SQL)) {
      throw ClickHouseError.of(
          ClickHouseError.ACCESS_DENIED,
          Printable.of(credentials.user())
              + ": Not enough privileges: the role "
              + role.id()
              + " reads dashboards only; SQL needs the "
              + Role.weakestWith(Permission.RUN_SQL).id()
              + " role");
    }
    return role.id();
  }

  private String body(HttpServletRequest request) throws IOException, ClickHouseError {
    Optional<ContentEncoding> encoding =
        ContentEncoding.forRequest(request.getHeader("Content-Encoding"));
    int limit = limits.maxQueryBytes();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InputStream raw = request.getInputStream();
        InputStream in = encoding.isPresent() ? encoding.get().decode(raw) : raw) {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (bytes.size() + n > limit) {
          throw ClickHouseError.of(
              ClickHouseError.QUERY_IS_TOO_LARGE,
              "Query is too large (more than " + limit + " bytes). max_query_size = " + limit);
        }
        bytes.write(buffer, 0, n);
      }
    } catch (IOException e) {
      if (encoding.isPresent()) {
        throw ClickHouseError.of(
            ClickHouseError.CANNOT_DECOMPRESS,
            "Cannot decode the " + encoding.get().token() + " request body: " + e.getMessage());
      }
      throw e;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int compressionLevel(Map<String, String> parameters) throws ClickHouseError {
    String level = parameters.get("http_zlib_compression_level");
    if (level == null) {
      return 3; // ClickHouse's default
    }
    try {
      int value = Integer.parseInt(level);
      if (value >= 1 && value <= 9) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ClickHouseError.of(
        ClickHouseError.BAD_ARGUMENTS, "http_zlib_compression_level takes 1 to 9");
  }

  private static void ok(HttpServletResponse response) throws IOException {
    response.setStatus(200);
    response.setContentType("text/html; charset=UTF-8");
    response.setContentLength(OK.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(OK);
    }
  }
}
