package dev.tenantpulse.standalone.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP hop in front of the collector that makes an SDK retry: every request is forwarded
 * (headers, body, CORS answers and all), but the first {@code failures} deliveries are answered
 * {@code 503} after the collector accepted them, as a load balancer timing out would. The SDK then
 * sends the same messages again, and the pipeline must count them once.
 */
final class FailingFirstProxy implements AutoCloseable {

  /** Headers the JDK client sets itself or refuses, and hop-by-hop ones. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "content-length",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "keep-alive");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI target;
  private final AtomicInteger failuresLeft;
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final List<String> answers = new CopyOnWriteArrayList<>();

  private FailingFirstProxy(URI target, int failures) throws IOException {
    this.target = target;
    this.failuresLeft = new AtomicInteger(failures);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.start();
  }

  /** A proxy to {@code collector} (its base URL) failing its first {@code failures} POSTs. */
  static FailingFirstProxy to(String collector, int failures) {
    try {
      return new FailingFirstProxy(URI.create(collector), failures);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** "METHOD path → status" of every POST the collector answered, failed ones included. */
  List<String> deliveries() {
    return List.copyOf(delivered);
  }

  /** The collector's answer bodies to those POSTs, in order. */
  List<String> answers() {
    return List.copyOf(answers);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<byte[]> answer =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      // Only the tracking paths: a library's own side calls (RudderStack's metrics) must not use up
      // the failure meant for a delivery of messages.
      String path = exchange.getRequestURI().getPath();
      boolean post =
          exchange.getRequestMethod().equals("POST")
              && (path.startsWith("/v1/") || path.startsWith("/beacon/"));
      boolean fail = post && failuresLeft.getAndDecrement() > 0;
      if (post) {
        delivered.add(
            "POST "
                + exchange.getRequestURI().getPath()
                + " → "
                + answer.statusCode()
                + (fail ? " (answered 503)" : ""));
        answers.add(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
      answer
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] out = fail ? "{\"code\":\"upstream_timeout\"}".getBytes() : answer.body();
      int status = fail ? 503 : answer.statusCode();
      exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        exchange.getResponseBody().write(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
