package dev.tenantpulse.collector.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code java.net.http.HttpClient} (HTTP/1.1): the workers share one client, which keeps one pooled
 * keep-alive connection per concurrent request.
 */
final class JdkHttpTransport implements Transport {

  private final HttpClient client;
  private final URI endpoint;
  private final String authorization;

  JdkHttpTransport(HttpClient client, URI endpoint, String authorization) {
    this.client = client;
    this.endpoint = endpoint;
    this.authorization = authorization;
  }

  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Override
  public Answer post(byte[] body, int length) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length))
            .build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      byte[] answer = response.body();
      return new Answer(response.statusCode(), Transport.acceptedCount(answer, answer.length));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    // the shared client is closed by its owner
  }
}
