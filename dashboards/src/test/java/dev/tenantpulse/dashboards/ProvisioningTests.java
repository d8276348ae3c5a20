package dev.tenantpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.dashboards.provisioning.DashboardProvider;
import dev.tenantpulse.dashboards.provisioning.ProvisionedDatasources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The committed provisioning files, as Grafana will read them: the two data sources under the uids
 * the dashboards use, connection settings from documented environment variables, and a provider
 * pointing at the folder that holds the dashboards.
 */
class ProvisioningTests {

  private static final Path ROOT = CommittedFilesTests.COMMITTED;
  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

  @Test
  void provisionsTheClickHousePluginAndPrometheusUnderTheDashboardsUids() {
    assertThat(ProvisioningFiles.datasources())
        .containsExactly(
            Map.entry(ProvisionedDatasources.CLICKHOUSE.uid(), "grafana-clickhouse-datasource"),
            Map.entry(ProvisionedDatasources.PROMETHEUS.uid(), "prometheus"));
  }

  @Test
  void clickHouseDatasourceHasWhatThePluginNeedsToConnect() {
    JsonNode clickhouse =
        ProvisioningFiles.yaml(GeneratedFiles.DATASOURCES_FILE).get("datasources").get(0);
    JsonNode json = clickhouse.get("jsonData");
    // The plugin refuses a data source without host or port (settings.go isValid).
    for (String key : List.of("host", "port", "protocol", "username")) {
      assertThat(json.get(key).asString()).as(key).startsWith("${TENANT_PULSE_CLICKHOUSE_");
    }
    assertThat(json.get("defaultDatabase").asString()).isEqualTo("tenant_pulse");
    assertThat(clickhouse.get("secureJsonData").get("password").asString())
        .isEqualTo("${TENANT_PULSE_CLICKHOUSE_PASSWORD}");
  }

  @Test
  void embeddedDefaultGetsTheSameUidsOverHttpAsTheReadOnlyUser() {
    assertThat(ProvisioningFiles.datasources(GeneratedFiles.EMBEDDED_DATASOURCES_FILE))
        .isEqualTo(ProvisioningFiles.datasources(GeneratedFiles.DATASOURCES_FILE));
    JsonNode clickhouse =
        ProvisioningFiles.yaml(GeneratedFiles.EMBEDDED_DATASOURCES_FILE).get("datasources").get(0);
    JsonNode json = clickhouse.get("jsonData");
    assertThat(json.get("protocol").asString()).isEqualTo("http");
    assertThat(json.get("secure").asBoolean()).isFalse();
    assertThat(json.get("host").asString()).isEqualTo(ProvisionedDatasources.EMBEDDED_HOST);
    assertThat(json.get("port").asInt()).isEqualTo(8123);
    assertThat(json.get("username").asString()).isEqualTo("analyst");
    assertThat(json.get("defaultDatabase").asString()).isEqualTo("tenant_pulse");
    assertThat(clickhouse.get("secureJsonData").get("password").asString())
        .isEqualTo("${TENANT_PULSE_CLICKHOUSE_PASSWORD}");
  }

  @Test
  void bothDataSourcesStateTheTimeoutsTheReadOnlyProfileIsSizedFor() {
    for (String file :
        List.of(GeneratedFiles.DATASOURCES_FILE, GeneratedFiles.EMBEDDED_DATASOURCES_FILE)) {
      JsonNode json = ProvisioningFiles.yaml(file).get("datasources").get(0).get("jsonData");
      assertThat(json.get("queryTimeout").asString())
          .isEqualTo(Integer.toString(ProvisionedDatasources.QUERY_TIMEOUT_SECONDS));
      assertThat(json.get("dialTimeout").asString())
          .isEqualTo(Integer.toString(ProvisionedDatasources.DIAL_TIMEOUT_SECONDS));
    }
  }

  @Test
  void everyEnvironmentVariableIsDeclaredAndDocumentedInTheReadme() throws IOException {
    TreeSet<String> used = new TreeSet<>();
    for (String file :
        List.of(
            GeneratedFiles.DATASOURCES_FILE,
            GeneratedFiles.PROVIDER_FILE,
            GeneratedFiles.EMBEDDED_DATASOURCES_FILE,
            GeneratedFiles.EMBEDDED_PROVIDER_FILE)) {
      // Comments are not configuration: only the values Grafana reads count.
      String values =
          Files.readAllLines(ROOT.resolve(file)).stream()
              .filter(line -> !line.strip().startsWith("#"))
              .collect(Collectors.joining("\n"));
      Matcher m = ENV.matcher(values);
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    List<String> declared = new ArrayList<>(ProvisionedDatasources.ENVIRONMENT);
    declared.add(DashboardProvider.PATH_VARIABLE);
    assertThat(used).containsExactlyInAnyOrderElementsOf(declared);
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(used).allSatisfy(variable -> assertThat(readme).contains(variable));
  }

  @Test
  void providerLoadsTheFolderHoldingTheGeneratedDashboards() throws IOException {
    JsonNode provider =
        ProvisioningFiles.yaml(GeneratedFiles.PROVIDER_FILE).get("providers").get(0);
    assertThat(provider.get("type").asString()).isEqualTo("file");
    assertThat(provider.get("folder").asString()).isEqualTo(DashboardProvider.FOLDER);
    assertThat(provider.get("options").get("path").asString())
        .isEqualTo("${" + DashboardProvider.PATH_VARIABLE + "}");
    // The variable names dashboards/grafana/dashboards: every board is there, nothing else.
    try (Stream<Path> files = Files.list(ROOT.resolve(GeneratedFiles.DASHBOARDS_DIR))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              CommittedDashboards.load().stream().map(d -> d.uid() + ".json").toList());
    }
  }
}
