package dev.tenantpulse.billing.support;

import dev.tenantpulse.billing.service.BillingExportApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole billing export application, started by a test with properties as command-line arguments
 * (they win over application.yaml, as in production) and a test clock.
 */
public final class RunningBilling implements AutoCloseable {

  public static final String ADMIN_TOKEN = "billing-test-admin-token-0123";

  private final ConfigurableApplicationContext context;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningBilling(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static RunningBilling start(Clock clock, Map<String, String> properties) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("server.port", "0");
    all.put("spring.main.banner-mode", "off");
    all.put(
        "spring.datasource.url", "jdbc:h2:mem:billing_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    all.put("tenant-pulse.billing.admin-token", ADMIN_TOKEN);
    all.putAll(properties);
    List<String> args = new ArrayList<>();
    all.forEach((name, value) -> args.add("--" + name + "=" + value));
    SpringApplicationBuilder builder = new SpringApplicationBuilder(BillingExportApplication.class);
    builder.initializers(c -> c.getBeanFactory().registerSingleton("testClock", clock));
    return new RunningBilling(builder.run(args.toArray(String[]::new)));
  }

  public int port() {
    return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public HttpResponse<String> api(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
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

  @Override
  public void close() {
    context.close();
  }
}
