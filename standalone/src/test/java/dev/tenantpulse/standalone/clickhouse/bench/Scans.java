package dev.tenantpulse.standalone.clickhouse.bench;

import dev.tenantpulse.warehouse.chdb.ReadOnlySessions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The ways the benchmark reads the whole table. Each returns what it read, so a round that lost
 * rows or bytes cannot pass for a fast one: the JDBC readers count rows and sum {@code id} through
 * the getters, the byte readers count the bytes of the body.
 */
final class Scans {

  /** What one scan read. {@code rows} is -1 where only bytes were counted. */
  record Scan(long rows, long idSum, long bytes, long sink) {}

  /** A reader failed part-way: how far it got. */
  static final class PartialScan extends Exception {
    PartialScan(long rows, Exception cause) {
      super(String.format("failed after %,d rows: %s", rows, rootMessage(cause)), cause);
    }

    private static String rootMessage(Throwable e) {
      String message = e.getMessage();
      while (e.getCause() != null) {
        e = e.getCause();
        message = message + " (" + e.getMessage() + ")";
      }
      return message;
    }
  }

  static final String DATABASE = "bench";
  static final String TABLE = DATABASE + ".scan";
  static final String SELECT_ALL = "SELECT * FROM " + TABLE;
  static final String USER = "bench-analyst";
  static final String PASSWORD = "bench-password";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Connection chdb;
  private final ReadOnlySessions sessions;
  private final String baseUrl;
  private final int tenants;

  Scans(Connection chdb, ReadOnlySessions sessions, String baseUrl, int tenants) {
    this.chdb = chdb;
    this.sessions = sessions;
    this.baseUrl = baseUrl;
    this.tenants = tenants;
  }

  static String tenant(int n) {
    return String.format("tenant-%04d", n);
  }

  /**
   * The jdbc:chdb driver in this process, every row through the getters. The driver copies a whole
   * result into the heap as JSON and parses it before the first {@code next()} (about 0.5 KB of
   * heap per row of this table), so 10 M rows cannot come back from one query on a 1 GB heap: the
   * table is read in pages of whole tenants, each page a range of the sort key's first column.
   */
  Scan driver(int tenantsPerPage) throws SQLException {
    long rows = 0;
    long idSum = 0;
    long sink = 0;
    try (PreparedStatement page =
        chdb.prepareStatement(SELECT_ALL + " WHERE tenant_id >= ? AND tenant_id < ?")) {
      for (int from = 0; from < tenants; from += tenantsPerPage) {
        page.setString(1, tenant(from));
        page.setString(2, tenant(Math.min(from + tenantsPerPage, tenants)));
        try (ResultSet rs = page.executeQuery()) {
          while (rs.next()) {
            sink += readRow(rs);
            idSum += rs.getLong(5);
            rows++;
          }
        }
      }
    }
    return new Scan(rows, idSum, -1, sink);
  }

  /** The official driver over the HTTP interface with its defaults (compress=1, RowBinary). */
  Scan jdbcV2(int port) throws PartialScan {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", PASSWORD);
    long rows = 0;
    long idSum = 0;
    long sink = 0;
    try (Connection c =
            new com.clickhouse.jdbc.Driver()
                .connect("jdbc:clickhouse://127.0.0.1:" + port + "/" + DATABASE, properties);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SELECT_ALL)) {
      while (rs.next()) {
        sink += readRow(rs);
        idSum += rs.getLong(5);
        rows++;
      }
    } catch (SQLException | RuntimeException e) {
      throw new PartialScan(rows, e);
    }
    return new Scan(rows, idSum, -1, sink);
  }

  /**
   * The size {@code RowBinaryWithNamesAndTypes} of the whole table must have: one header (column
   * count, names, types, each length-prefixed) and every row. Strings here are shorter than 128
   * bytes, so each length is one byte; the numbers are 8 bytes each.
   */
  long rowBinarySize(List<String> names, List<String> types) throws SQLException {
    long header = 1;
    for (String s : names) {
      header += 1 + s.getBytes(StandardCharsets.UTF_8).length;
    }
    for (String s : types) {
      header += 1 + s.getBytes(StandardCharsets.UTF_8).length;
    }
    try (Statement s = chdb.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT sum(1 + length(tenant_id) + 8 + 1 + length(type) + 8 + 8) FROM " + TABLE)) {
      rs.next();
      return header + rs.getLong(1);
    }
  }

  private static long readRow(ResultSet rs) throws SQLException {
    String tenant = rs.getString(1);
    Timestamp at = rs.getTimestamp(2);
    String type = rs.getString(3);
    double quantity = rs.getDouble(4);
    return tenant.length() + at.getTime() + type.length() + Double.doubleToRawLongBits(quantity);
  }

  /** A POST to the HTTP interface in {@code format}, the body read and thrown away. */
  Scan http(String format) throws IOException, InterruptedException {
    String credentials =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    baseUrl
                        + "/?default_format="
                        + URLEncoder.encode(format, StandardCharsets.UTF_8)))
            .header("Authorization", "Basic " + credentials)
            .POST(HttpRequest.BodyPublishers.ofString(SELECT_ALL))
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(
            "HTTP "
                + response.statusCode()
                + ": "
                + new String(body.readNBytes(2000), StandardCharsets.UTF_8).strip());
      }
      byte[] buffer = new byte[1 << 16];
      long bytes = 0;
      int n;
      while ((n = body.read(buffer)) >= 0) {
        bytes += n;
      }
      return new Scan(-1, 0, bytes, 0);
    }
  }

  /**
   * The engine's streamed output handed to Java in this process, no HTTP: what the interface starts
   * from, so the difference to {@link #http} is Tomcat, the socket and the client.
   */
  Scan engineStream(String format, Map<String, String> settings) throws Exception {
    long[] bytes = {0};
    ReadOnlySessions.Summary summary =
        sessions.run(
            new ReadOnlySessions.Query(
                SELECT_ALL, Optional.of(DATABASE), format, settings, Map.of()),
            f ->
                chunk -> {
                  bytes[0] += chunk.remaining();
                  chunk.position(chunk.limit());
                });
    return new Scan(summary.resultRows(), 0, bytes[0], 0);
  }
}
