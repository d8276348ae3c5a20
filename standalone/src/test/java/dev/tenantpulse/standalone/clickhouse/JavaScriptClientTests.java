package dev.tenantpulse.standalone.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.NodePackages;
import dev.tenantpulse.standalone.support.RunningRuntime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official JavaScript client, {@code @clickhouse/client} from npm (version pinned in
 * src/test/js/clickhouse-client/package-lock.json), run by Node against the runtime's HTTP
 * interface as an analyst: ping, list the tables, read every contract table, bind query parameters,
 * read a gzip-compressed response, and be refused writes and a wrong password with ClickHouse's
 * errors as the client parses them. {@code .ci/run} installs Node and npm.
 */
class JavaScriptClientTests {

  private static JsonNode seen;

  @BeforeAll
  static void runTheClient() throws Exception {
    String url = TestUsers.baseUrl();
    NodePackages client =
        NodePackages.install(
            "clickhouse-client",
            List.of("package.json", "package-lock.json", "check.mjs"),
            "@clickhouse/client");
    String contractTables =
        JdbcV2ClientTests.CONTRACT_TABLES.stream()
            .map(t -> "\"" + t + "\"")
            .reduce((a, b) -> a + "," + b)
            .map(list -> "[" + list + "]")
            .orElseThrow();
    ProcessBuilder node =
        new ProcessBuilder("node", "check.mjs", url, TestUsers.ANALYST, TestUsers.PASSWORD);
    node.environment().put("CONTRACT_TABLES", contractTables);
    String output = client.run(node, 120);
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    seen = JsonMapper.builder().build().readTree(last);
    RunningRuntime.get();
  }

  @Test
  void pingsListsTheTablesAndReadsEveryContractTable() {
    assertThat(seen.path("ping").asBoolean()).isTrue();
    List<String> tables = seen.path("tables").valueStream().map(JsonNode::asString).toList();
    assertThat(tables).containsAll(JdbcV2ClientTests.CONTRACT_TABLES);
    for (String table : JdbcV2ClientTests.CONTRACT_TABLES) {
      assertThat(seen.path("counts").has(table)).as(table).isTrue();
      assertThat(seen.path("counts").path(table).asLong()).as(table).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void bindsQueryParametersAndReadsACompressedResponse() {
    assertThat(seen.path("bound").path("v").asString()).isEqualTo("it's \\ a \t\"value\"\n");
    assertThat(seen.path("bound").path("n").asLong()).isEqualTo(42);
    assertThat(seen.path("compressedRows").asInt()).isEqualTo(100_000);
  }

  @Test
  void writesAndAWrongPasswordAreRefusedWithClickHouseErrorsTheClientParses() {
    assertThat(seen.path("insert").path("code").asString()).isEqualTo("164");
    assertThat(seen.path("insert").path("type").asString()).isEqualTo("READONLY");
    assertThat(seen.path("command").path("code").asString()).isEqualTo("164");
    assertThat(seen.path("wrongPassword").path("code").asString()).isEqualTo("516");
    assertThat(seen.path("wrongPassword").path("type").asString())
        .isEqualTo("AUTHENTICATION_FAILED");
  }
}
