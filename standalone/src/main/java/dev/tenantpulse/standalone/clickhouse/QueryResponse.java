package dev.tenantpulse.standalone.clickhouse;

import dev.tenantpulse.warehouse.chdb.ReadOnlySessions;
import dev.tenantpulse.warehouse.chdb.ResultChunks;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The response to one query. The first {@code bufferBytes} of output are held back, so a query that
 * fails, or ends, within them is answered with its true status and a complete {@code
 * X-ClickHouse-Summary} (neither official client can read an error that arrives after data); a
 * larger result is streamed on as the engine produces it, and an error after that point is written
 * into the stream as ClickHouse writes it, which the client reads as a broken result.
 */
final class QueryResponse implements ReadOnlySessions.Output, ResultChunks {

  private final HttpServletResponse response;
  private final String queryId;
  private final ServerIdentity server;
  private final boolean nativeCompression;
  private final Optional<ContentEncoding> httpCompression;
  private final int compressionLevel;
  private final int bufferBytes;
  private final long clientProtocolVersion;
  private final long startNanos = System.nanoTime();
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private final byte[] copy = new byte[64 * 1024];
  private OutputStream body;
  private String format;
  private int code = -1; // -1: not answered yet; 0: answered with a result
  private int status;

  QueryResponse(
      HttpServletResponse response,
      String queryId,
      ServerIdentity server,
      boolean nativeCompression,
      Optional<ContentEncoding> httpCompression,
      int compressionLevel,
      int bufferBytes,
      long clientProtocolVersion) {
    this.response = response;
    this.queryId = queryId;
    this.server = server;
    this.nativeCompression = nativeCompression;
    this.httpCompression = httpCompression;
    this.compressionLevel = compressionLevel;
    this.bufferBytes = bufferBytes;
    this.clientProtocolVersion = clientProtocolVersion;
  }

  @Override
  public ResultChunks begin(String format) {
    this.format = format;
    return this;
  }

  @Override
  public void write(ByteBuffer chunk) throws IOException {
    if (body == null) {
      if (held.size() + chunk.remaining() <= bufferBytes) {
        while (chunk.hasRemaining()) {
          int n = Math.min(copy.length, chunk.remaining());
          chunk.get(copy, 0, n);
          held.write(copy, 0, n);
        }
        return;
      }
      commit(summary(-1, held.size() + chunk.remaining()));
    }
    while (chunk.hasRemaining()) {
      int n = Math.min(copy.length, chunk.remaining());
      chunk.get(copy, 0, n);
      body.write(copy, 0, n);
    }
  }

  /** The query ended: send what was held with the complete summary, then end the body. */
  void finish(ReadOnlySessions.Summary summary) throws IOException {
    code = 0;
    status = 200;
    if (body == null) {
      commit(summary(summary.resultRows(), summary.resultBytes()));
    }
    body.close();
  }

  /** The query failed: its error as ClickHouse sends it, as a status if nothing was sent yet. */
  void fail(ClickHouseError error) throws IOException {
    code = error.code();
    status = error.httpStatus();
    byte[] text = error.body(server.version()).getBytes(StandardCharsets.UTF_8);
    if (body != null || response.isCommitted()) {
      if (body != null) {
        body.write(text);
        body.close();
      }
      return;
    }
    response.resetBuffer();
    response.setStatus(error.httpStatus());
    response.setHeader("X-ClickHouse-Exception-Code", Integer.toString(error.code()));
    identityHeaders(response, queryId, server);
    response.setContentType("text/plain; charset=UTF-8");
    response.setContentLength(text.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(text);
    }
  }

  private void commit(String summary) throws IOException {
    response.setStatus(200);
    identityHeaders(response, queryId, server);
    response.setHeader("X-ClickHouse-Format", format);
    response.setHeader("X-ClickHouse-Summary", summary);
    response.setContentType(contentType(format));
    OutputStream out = response.getOutputStream();
    if (httpCompression.isPresent()) {
      response.setHeader("Content-Encoding", httpCompression.get().token());
      out = httpCompression.get().encode(out, compressionLevel);
    }
    if (nativeCompression) {
      out = new NativeCompressedOutputStream(out);
    }
    if (clientProtocolVersion > 0 && format.equals("Native")) {
      // The engine writes Native for protocol revision 0; clickhouse-go reads the client's.
      out = new NativeRevisionWriter(out, Math.min(clientProtocolVersion, server.revision()));
    }
    body = out;
    held.writeTo(body);
    held.reset();
  }

  /** ClickHouse's code of the answer: 0 for a result, -1 before any answer. */
  int code() {
    return code;
  }

  /** The HTTP status the answer was given (a mid-stream error keeps the 200 already sent). */
  int status() {
    return status;
  }

  long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  static void identityHeaders(HttpServletResponse response, String queryId, ServerIdentity server) {
    response.setHeader("X-ClickHouse-Query-Id", queryId);
    response.setHeader("X-ClickHouse-Timezone", server.timezone());
    response.setHeader("X-ClickHouse-Server-Display-Name", server.displayName());
  }

  /**
   * Every value a quoted number (the JDBC driver's parser reads nothing else). What the query read
   * is not reported, because the engine's stream does not tell it; result rows are, once known
   * ({@code resultRows} &lt; 0: streaming began before the end).
   */
  private String summary(long resultRows, long resultBytes) {
    return "{\"written_rows\":\"0\",\"written_bytes\":\"0\""
        + (resultRows < 0 ? "" : ",\"result_rows\":\"" + resultRows + "\"")
        + ",\"result_bytes\":\""
        + resultBytes
        + "\",\"elapsed_ns\":\""
        + (System.nanoTime() - startNanos)
        + "\"}";
  }

  /** The Content-Type ClickHouse sends for a format. */
  static String contentType(String format) {
    String f = format.toLowerCase(Locale.ROOT);
    if (f.startsWith("tabseparated") || f.startsWith("tsv")) {
      return "text/tab-separated-values; charset=UTF-8";
    }
    if (f.startsWith("csv")) {
      return "text/csv; charset=UTF-8; header=" + (f.contains("withnames") ? "present" : "absent");
    }
    if (f.contains("eachrow") && f.startsWith("json")) {
      return "application/x-ndjson; charset=UTF-8";
    }
    if (f.startsWith("json")) {
      return "application/json; charset=UTF-8";
    }
    if (f.startsWith("pretty") || f.equals("vertical") || f.equals("markdown")) {
      return "text/plain; charset=UTF-8";
    }
    if (f.equals("xml")) {
      return "application/xml; charset=UTF-8";
    }
    return "application/octet-stream";
  }
}
