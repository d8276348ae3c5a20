package dev.tenantpulse.dashboards.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * Every request the Grafana plugin sends for the dashboards, sent as it sends them (HTTP, Native
 * format, max_execution_time in the URL) to a ClickHouse server configured with the deploy's
 * read-only user: all answered, while writes and other setting changes stay refused. Needs Docker:
 * reported as skipped where there is none (as on the project's own machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class PluginRequestsOnServerTests {

  private static final String PASSWORD = "analyst-password";
  private static final Path DEPLOY = Path.of("..", "deploy", "clickhouse");

  /** The LTS line the warehouse module tests against too. */
  @Container
  static final ClickHouseContainer SERVER =
      new ClickHouseContainer("clickhouse/clickhouse-server:25.8")
          .withEnv("CLICKHOUSE_ANALYST_PASSWORD", PASSWORD)
          .withCopyFileToContainer(
              MountableFile.forHostPath(DEPLOY.resolve("users.d/analyst.xml")),
              "/etc/clickhouse-server/users.d/analyst.xml")
          .withCopyFileToContainer(
              MountableFile.forHostPath(DEPLOY.resolve("config.d/access-control.xml")),
              "/etc/clickhouse-server/config.d/access-control.xml");

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void migrate() throws Exception {
    Properties admin = new Properties();
    admin.setProperty("user", SERVER.getUsername());
    admin.setProperty("password", SERVER.getPassword());
    try (Connection c = new com.clickhouse.jdbc.Driver().connect(SERVER.getJdbcUrl(), admin)) {
      ClickHouseMigrations.forDefaultDatabase().migrate(c);
    }
  }

  @Test
  void everyDashboardRequestIsAnsweredForTheReadOnlyUser() throws Exception {
    List<PluginRequest> requests =
        new ArrayList<>(
            List.of(PluginRequests.hello(), PluginRequests.ping(), PluginRequests.version()));
    requests.addAll(
        PluginRequests.committed(
            Instant.parse("2026-11-18T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z")));
    for (PluginRequest request : requests) {
      HttpResponse<String> response = send(request);
      assertThat(response.statusCode()).as("%s: %s", request, response.body()).isEqualTo(200);
      assertThat(response.body()).as(request.toString()).doesNotContain("__exception__");
    }
  }

  @Test
  void theProfileCarriesWhatThePanelsMayNotSet() throws Exception {
    for (Map.Entry<String, String> setting : ReaderProfile.SETTINGS.entrySet()) {
      HttpResponse<String> response =
          send(
              withSql(
                  PluginRequests.ping(),
                  "SELECT getSetting('" + setting.getKey() + "') FORMAT TabSeparated"));
      assertThat(response.body().strip()).as(setting.getKey()).isEqualTo(setting.getValue());
    }
  }

  @Test
  void writesAndOtherSettingChangesAreRefused() throws Exception {
    assertThat(
            send(withSql(
                    PluginRequests.ping(), "CREATE TABLE tenant_pulse.x (a UInt8) ENGINE = Memory"))
                .statusCode())
        .isNotEqualTo(200);
    for (Map.Entry<String, String> change :
        Map.of(
                "readonly", "0",
                "max_execution_time", "3600",
                "max_result_rows", "0",
                "max_memory_usage", "0")
            .entrySet()) {
      Map<String, String> parameters = new HashMap<>(PluginRequests.ping().urlParameters());
      parameters.put(change.getKey(), change.getValue());
      PluginRequest request =
          new PluginRequest("plugin", change.toString(), "SELECT 1", parameters);
      assertThat(send(request).statusCode()).as(change.toString()).isNotEqualTo(200);
    }
  }

  private static PluginRequest withSql(PluginRequest request, String sql) {
    return new PluginRequest(request.dashboard(), request.title(), sql, request.urlParameters());
  }

  private HttpResponse<String> send(PluginRequest request) throws Exception {
    URI base = URI.create("http://" + SERVER.getHost() + ":" + SERVER.getMappedPort(8123));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri(base))
            .POST(HttpRequest.BodyPublishers.ofString(request.sql(), StandardCharsets.UTF_8));
    // java.net.http refuses to set some headers itself; Accept-Encoding it leaves to us.
    PluginRequest.headers("analyst", PASSWORD).forEach(builder::header);
    return http.send(
        builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
  }
}
