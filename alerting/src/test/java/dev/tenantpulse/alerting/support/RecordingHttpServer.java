package dev.tenantpulse.alerting.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free loopback port standing in for a third party (webhook receiver,
 * Slack, PagerDuty): records every request and answers with queued statuses, then the default.
 */
public final class RecordingHttpServer implements AutoCloseable {

  /** One request as received: headers with lower-case names. */
  public record Request(String method, String path, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Integer> scripted = new ArrayDeque<>();
  private volatile int defaultStatus;
  private volatile boolean echo;

  public RecordingHttpServer(int defaultStatus) {
    this.defaultStatus = defaultStatus;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
    requests.add(
        new Request(
            exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
    int status;
    synchronized (scripted) {
      status = scripted.isEmpty() ? defaultStatus : scripted.poll();
    }
    String text =
        echo
            ? exchange.getRequestMethod()
                + " "
                + exchange.getRequestURI().getRawPath()
                + "\n"
                + headers
                + "\n"
                + new String(body, StandardCharsets.UTF_8)
            : status < 300 ? "ok" : "try later";
    byte[] answer = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  /** The next requests get these statuses, in order; then the default again. */
  public void answerNext(Integer... statuses) {
    synchronized (scripted) {
      scripted.addAll(List.of(statuses));
    }
  }

  public void defaultStatus(int status) {
    this.defaultStatus = status;
  }

  /** Answers with the whole request (line, headers, body), as a careless receiver might. */
  public void echo(boolean echo) {
    this.echo = echo;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public void clear() {
    requests.clear();
    synchronized (scripted) {
      scripted.clear();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
