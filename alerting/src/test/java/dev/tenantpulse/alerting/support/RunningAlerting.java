package dev.tenantpulse.alerting.support;

import dev.tenantpulse.alerting.AlertingApplication;
import dev.tenantpulse.alerting.rules.EnvironmentVariables;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole alerting application started and stopped by a test (several may run at once, or one after
 * another on the same metadata database), on the JVM's chDB engine, with properties passed as
 * command-line arguments so they win over application.yaml as in production.
 */
public final class RunningAlerting implements AutoCloseable {

  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  private final ConfigurableApplicationContext context;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningAlerting(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Alerting for API tests: metadata in an H2 file under {@code dir} (it survives the context), the
   * rules from {@code dir/rules.yaml}, and the scheduler off, so only the test evaluates.
   */
  public static RunningAlerting forApiTests(
      String clickHouseDatabase, Clock clock, Path dir, Map<String, String> environment) {
    return start(
        clickHouseDatabase,
        clock,
        Map.of(
            "spring.datasource.url",
            "jdbc:h2:file:" + dir.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE",
            "spring.quartz.auto-startup",
            "false",
            "tenant-pulse.alerting.rules-file",
            dir.resolve("rules.yaml").toString()),
        environment);
  }

  /**
   * Starts alerting reading {@code clickHouseDatabase}, with {@code properties} over the test
   * defaults; {@code clock} (may be null) replaces the system clock.
   */
  public static RunningAlerting start(
      String clickHouseDatabase, Clock clock, Map<String, String> properties) {
    return start(clickHouseDatabase, clock, properties, Map.of());
  }

  /**
   * As {@link #start(String, Clock, Map)}, with {@code environment} added to the process
   * environment that {@code ${NAME}} references in channel settings read (Spring properties are not
   * seen by them).
   */
  public static RunningAlerting start(
      String clickHouseDatabase,
      Clock clock,
      Map<String, String> properties,
      Map<String, String> environment) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("server.port", "0");
    all.put("spring.main.banner-mode", "off");
    all.put("tenant-pulse.alerting.clickhouse.url", TestEngine.url());
    all.put("tenant-pulse.alerting.clickhouse.database", clickHouseDatabase);
    all.put("tenant-pulse.alerting.admin-token", ADMIN_TOKEN);
    all.put("tenant-pulse.alerting.outbox.poll-interval", "100ms");
    all.put("tenant-pulse.alerting.outbox.send-timeout", "3s");
    all.put("tenant-pulse.alerting.rules-reload-interval", "0s");
    all.putAll(properties);
    List<String> args = new ArrayList<>();
    all.forEach((name, value) -> args.add("--" + name + "=" + value));
    SpringApplicationBuilder builder = new SpringApplicationBuilder(AlertingApplication.class);
    if (clock != null) {
      builder.initializers(c -> c.getBeanFactory().registerSingleton("testClock", clock));
    }
    Map<String, String> variables = Map.copyOf(environment);
    EnvironmentVariables processAndTest =
        name -> variables.containsKey(name) ? variables.get(name) : System.getenv(name);
    builder.initializers(
        c -> c.getBeanFactory().registerSingleton("testEnvironment", processAndTest));
    return new RunningAlerting(builder.run(args.toArray(String[]::new)));
  }

  public int port() {
    return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  /** A request to the API with the admin token. */
  public HttpResponse<String> api(String method, String path, String contentType, String body) {
    return request(method, path, contentType, body, "Bearer " + ADMIN_TOKEN);
  }

  public HttpResponse<String> request(
      String method, String path, String contentType, String body, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
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
