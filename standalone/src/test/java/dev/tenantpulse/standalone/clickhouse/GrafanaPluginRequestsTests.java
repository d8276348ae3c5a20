package dev.tenantpulse.standalone.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.dashboards.DrillDownTenant;
import dev.tenantpulse.dashboards.OracleTables;
import dev.tenantpulse.dashboards.grafana.PluginRequest;
import dev.tenantpulse.dashboards.grafana.PluginRequests;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.standalone.support.RunningRuntime;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every variable, panel and annotation query of the committed dashboards, sent to the HTTP
 * interface as Grafana's ClickHouse plugin sends it in HTTP mode (Native for protocol revision
 * 54460, {@code max_execution_time} on every query, the analyst's HTTP Basic credentials), over the
 * small scenario's oracle rows. Only the database differs: the rows live in a database of this
 * test, so the runtime's own tables stay as other tests expect them.
 */
class GrafanaPluginRequestsTests {

  private static final ScenarioConfig CONFIG = ScenarioConfig.small(20_261_127L);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final byte[] BLOCK_INFO = HexFormat.of().parseHex("010002ffffffff00");
  private static String database;
  private static String tenant;

  @BeforeAll
  static void fillTablesFromTheScenario() throws Exception {
    TestUsers.baseUrl();
    Scenario scenario = ScenarioGenerator.generate(CONFIG, PlanCatalog.defaultCatalog());
    database = "grafana_probe";
    ExpectedMetrics expected = MetricOracle.compute(scenario.arrivals(), OracleOptions.streaming());
    // The tenant board opens with an empty text box (no data): type a tenant that has some.
    tenant = DrillDownTenant.of(expected);
    try (Connection c = DriverManager.getConnection(RunningRuntime.get().warehouseUrl());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      ClickHouseMigrations.forDatabase(database).migrate(c);
      new OracleTables(c, database, CONFIG.end().plus(Duration.ofHours(2))).insert(expected, true);
    }
  }

  private static ClickHouseHttpInterfaceTests.Answer send(
      String sql, Map<String, String> parameters) {
    Map<String, String> withDatabase = new LinkedHashMap<>(parameters);
    withDatabase.computeIfPresent("database", (k, v) -> database);
    String query =
        withDatabase.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(TestUsers.baseUrl() + "/?" + query))
            .header(
                "Authorization",
                ClickHouseHttpInterfaceTests.basic(TestUsers.ANALYST, TestUsers.PASSWORD))
            .header("Accept-Encoding", "gzip")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    sql.replaceAll("\\btenant_pulse\\.", database + ".")));
    return ClickHouseHttpInterfaceTests.send(request);
  }

  @Test
  void thePluginsOwnQueriesAnswerAsItReadsThem() {
    for (PluginRequest request :
        List.of(PluginRequests.hello(), PluginRequests.ping(), PluginRequests.version())) {
      ClickHouseHttpInterfaceTests.Answer answer = send(request.sql(), request.urlParameters());
      assertThat(answer.status()).as(request.title() + ": " + answer.body()).isEqualTo(200);
      assertThat(answer.header("X-ClickHouse-Format")).isEqualTo("Native");
      assertThat(answer.bytes()).as(request.title()).startsWith(BLOCK_INFO);
    }
    ClickHouseHttpInterfaceTests.Answer ping =
        send("SELECT 1", Map.of("default_format", "JSONCompact"));
    assertThat(ping.json().path("meta").get(0).path("name").asString()).isEqualTo("1");
  }

  @Test
  void everyCommittedBoardQueryReturnsRowsWithTheAnalystsProfile() {
    List<PluginRequest> requests =
        PluginRequests.committed(CONFIG.start(), CONFIG.end(), Map.of("tenant", List.of(tenant)));
    assertThat(requests).hasSizeGreaterThan(20);
    List<String> wrong = new ArrayList<>();
    for (PluginRequest request : requests) {
      ClickHouseHttpInterfaceTests.Answer nativeAnswer =
          send(request.sql(), request.urlParameters());
      Map<String, String> asJson = new LinkedHashMap<>(request.urlParameters());
      asJson.remove("client_protocol_version");
      asJson.put("default_format", "JSONCompact");
      ClickHouseHttpInterfaceTests.Answer jsonAnswer = send(request.sql(), asJson);
      String what = request.dashboard() + " " + request.title();
      if (nativeAnswer.status() != 200 || jsonAnswer.status() != 200) {
        wrong.add(what + ": " + nativeAnswer.status() + " " + nativeAnswer.body());
        continue;
      }
      // the billing export's panels have no row: the scenario runs no export (it is off), and
      // for an empty result the engine writes no Native block at all (an empty body)
      boolean rowsExpected = !OracleTables.readsATableLeftEmpty(request.sql());
      boolean noBlock = !rowsExpected && nativeAnswer.bytes().length == 0;
      if (!noBlock && !startsWith(nativeAnswer.bytes(), BLOCK_INFO)) {
        wrong.add(what + ": the Native answer has no block info for revision 54460");
      }
      JsonNode json = jsonAnswer.json();
      if (rowsExpected && json.path("rows").asLong() == 0) {
        wrong.add(what + ": no rows on the scenario");
      } else if (!rowsExpected && json.path("rows").asLong() != 0) {
        wrong.add(what + ": rows although the scenario has no billing export");
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
