package dev.tenantpulse.dashboards.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.dashboards.PanelQuery;
import dev.tenantpulse.dashboards.Selections;
import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.macros.PanelSql;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginRequestsTests {

  private static final Instant FROM = Instant.parse("2026-11-18T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-25T00:00:00Z");

  private final List<Dashboard> boards = Boards.all(PlanCatalog.defaultCatalog());
  private final List<PluginRequest> requests = PluginRequests.committed(FROM, TO);

  @Test
  void oneRequestPerVariablePanelAndAnnotationQueryOfEveryBoard() {
    List<PanelQuery> queries = PanelQuery.of(boards);
    assertThat(requests).hasSameSizeAs(queries);
    for (int i = 0; i < queries.size(); i++) {
      assertThat(requests.get(i).toString()).isEqualTo(queries.get(i).toString());
    }
    assertThat(requests).extracting(PluginRequest::title).anyMatch(t -> t.startsWith("variable "));
    assertThat(requests)
        .extracting(PluginRequest::title)
        .anyMatch(t -> t.startsWith("annotation "));
  }

  @Test
  void sqlIsWhatGrafanaAndThePluginExpandWithTheBoardsDefaultSelection() {
    for (Dashboard board : boards) {
      QueryContext context = QueryContext.of(FROM, TO, Selections.defaults(board));
      List<PluginRequest> mine =
          requests.stream().filter(r -> r.dashboard().equals(board.uid())).toList();
      List<PanelQuery> queries = PanelQuery.of(List.of(board));
      for (int i = 0; i < queries.size(); i++) {
        assertThat(mine.get(i).sql())
            .isEqualTo(PanelSql.expand(queries.get(i).target().rawSql(), context));
      }
    }
  }

  @Test
  void nothingIsLeftForClickHouseToRejectOrForAReadOnlyUserToBeRefused() {
    assertThat(requests)
        .allSatisfy(
            r -> {
              assertThat(r.sql()).as(r.toString()).doesNotContain("$");
              assertThat(r.sql()).as(r.toString()).doesNotContainPattern("(?i)\\bSETTINGS\\b");
              // The format is the driver's business (default_format), never the query's.
              assertThat(r.sql()).as(r.toString()).doesNotContainPattern("(?i)\\bFORMAT\\b");
            });
  }

  @Test
  void macrosUseTheRangeInUnixSeconds() {
    PluginRequest late =
        requests.stream().filter(r -> r.title().contains("\"Late events\"")).findFirst().get();
    assertThat(late.sql())
        .contains(
            "event_time >= toDateTime(%d) AND event_time <= toDateTime(%d)"
                .formatted(FROM.getEpochSecond(), TO.getEpochSecond()));
  }

  @Test
  void urlCarriesDatabaseNativeFormatProtocolRevisionAndTheTimeout() {
    assertThat(requests)
        .allSatisfy(
            r ->
                assertThat(r.urlParameters())
                    .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                            "database", "tenant_pulse",
                            "default_format", "Native",
                            "client_protocol_version", "54460",
                            "max_execution_time", "64")));
    assertThat(PluginRequests.hello().urlParameters()).containsEntry("max_execution_time", "14");
    assertThat(PluginRequests.ping().sql()).isEqualTo("SELECT 1");
  }

  @Test
  void theOnlySettingsSentAreTheOnesAReadOnlyUserMustBeAllowed() {
    List<String> httpParameters = List.of("database", "default_format", "client_protocol_version");
    assertThat(requests)
        .allSatisfy(
            r ->
                assertThat(r.urlParameters().keySet())
                    .allMatch(
                        k -> httpParameters.contains(k) || PluginRequests.SETTINGS.contains(k)));
  }

  @Test
  void queryStringIsEncodedAsGoEncodesUrlValues() {
    PluginRequest r =
        new PluginRequest("d", "t", "SELECT 1", Map.of("b", "x y", "a", "1&2", "c", "é"));
    assertThat(r.queryString()).isEqualTo("a=1%262&b=x+y&c=%C3%A9");
    assertThat(r.uri(URI.create("http://127.0.0.1:8123")).toString())
        .isEqualTo("http://127.0.0.1:8123/?a=1%262&b=x+y&c=%C3%A9");
  }

  @Test
  void headersAuthenticateWithBasicAndAskForGzip() {
    Map<String, String> headers = PluginRequest.headers("analyst", "s3cret");
    assertThat(headers.get("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("analyst:s3cret".getBytes()));
    assertThat(headers).containsEntry("Accept-Encoding", "gzip");
  }
}
