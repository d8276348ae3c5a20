package dev.tenantpulse.collector.reads;

import dev.tenantpulse.collector.support.AdminClient;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A collector whose tenant reads query the JVM's chDB engine, filled by {@link TenantData}. */
abstract class TenantReadsTestBase extends CollectorTestBase {

  static final String SECRET = "test-portal-secret-0123456789abcdef";
  static final String ORIGIN = "https://app.example.com";
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void warehouse(DynamicPropertyRegistry registry) {
    registry.add("tenant-pulse.collector.tenant-reads.warehouse-url", TestEngine::url);
    registry.add("tenant-pulse.collector.tenant-reads.database", TenantData::database);
    registry.add("tenant-pulse.collector.tenant-reads.portal-tokens.secret", () -> SECRET);
    registry.add("tenant-pulse.collector.tenant-reads.cors-allowed-origins[0]", () -> ORIGIN);
    registry.add("tenant-pulse.collector.tenant-reads.reads-per-second", () -> "100000");
    registry.add("tenant-pulse.collector.tenant-reads.burst-reads", () -> "100000");
  }

  AdminClient admin() {
    return new AdminClient(() -> port);
  }

  /** A new client key of {@code tenant}. */
  String clientKey(String tenant) {
    return admin().createKey("reader-" + tenant, tenant).get("key").asString();
  }

  String portalToken(String tenant) {
    HttpResponse<String> r =
        post(
            "/v1/portal-tokens",
            "Bearer " + SERVER_KEY,
            JSON.writeValueAsBytes(java.util.Map.of("tenantId", tenant)));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("minting answered " + r.statusCode() + ": " + r.body());
    }
    return json(r).get("token").asString();
  }

  /** A token signed with the deployment's secret but with the payload given (e.g. expired). */
  static String signed(String payload) {
    String body =
        PortalTokens.PREFIX
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return body
          + "."
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Any method, with extra headers and an optional body (a GET with a body too). */
  HttpResponse<String> send(
      String method, String path, String authorization, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
