package dev.tenantpulse.standalone.console.boards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.dashboards.OracleTables;
import dev.tenantpulse.standalone.support.BoardData;
import dev.tenantpulse.standalone.support.ConsoleLogin;
import dev.tenantpulse.standalone.support.RunningRuntime;
import dev.tenantpulse.standalone.support.TestAccounts;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The built-in boards' API over the small scenario's oracle rows: every panel of every drawn board
 * answers exactly what its SQL gives when run directly, variables change the data, and the range
 * and variable parameters refuse what cannot be a value, before any SQL runs.
 */
class BoardsApiTests {

  private static String base;
  private static ConsoleLogin viewer;

  @BeforeAll
  static void loadScenarioAndLogIn() {
    BoardData.ensure();
    base = RunningRuntime.get().endpoints().console();
    viewer = ConsoleLogin.as(base, TestAccounts.VIEWER, TestAccounts.PASSWORD);
  }

  @Test
  void listsEveryBoardAndSaysWhyThePrometheusBoardIsNotDrawnHere() {
    JsonNode boards = viewer.get("/api/boards").json().get("boards");
    List<String> uids = new ArrayList<>();
    boards.forEach(b -> uids.add(b.get("uid").asString()));
    assertThat(uids).contains("tenant-pulse-activity", "tenant-pulse-usage-billing");
    for (JsonNode b : boards) {
      boolean prometheus = b.get("uid").asString().equals("tenant-pulse-service-health");
      assertThat(b.get("available").asBoolean()).as(b.toString()).isEqualTo(!prometheus);
      assertThat(b.get("url").asString()).isEqualTo("/d/" + b.get("uid").asString());
    }
  }

  @Test
  void everyPanelAnswersTheRowsItsExpandedSqlGivesWhenRunDirectly() throws Exception {
    int panels = 0;
    int withRows = 0;
    int exportPanels = 0;
    for (JsonNode b : viewer.get("/api/boards").json().get("boards")) {
      if (!b.get("available").asBoolean()) {
        continue;
      }
      String uid = b.get("uid").asString();
      JsonNode dashboard = viewer.get("/api/boards/" + uid).json().get("dashboard");
      for (JsonNode panel : dashboard.get("panels")) {
        String path = "/api/boards/" + uid + "/panels/" + panel.get("id").asInt();
        String query = BoardData.range() + "&var-tenant=" + BoardData.tenant();
        ConsoleLogin.Answer data = viewer.get(path + "?" + query);
        assertThat(data.status()).as(path + " " + data.body()).isEqualTo(200);
        String sql = viewer.get(path + "/sql?" + query).json().get("sql").asString();
        assertThat(sql).contains(RunningRuntime.BOARDS_DATABASE + ".").doesNotContain("$");
        List<List<String>> direct = runDirectly(sql);
        JsonNode rows = data.json().get("rows");
        assertThat(rows.size()).as(path).isEqualTo(direct.size());
        for (int r = 0; r < direct.size(); r++) {
          for (int c = 0; c < direct.get(r).size(); c++) {
            assertSameCell(path, rows.get(r).get(c), direct.get(r).get(c));
          }
        }
        if (OracleTables.readsATableLeftEmpty(sql)) {
          // the billing export's panels: the scenario runs no export, they say it is off
          assertThat(rows).as(path + ": no billing export on the scenario").isEmpty();
          exportPanels++;
          continue;
        }
        panels++;
        withRows += rows.isEmpty() ? 0 : 1;
      }
    }
    assertThat(panels).isGreaterThan(20);
    assertThat(exportPanels).isPositive();
    // the scenario has signups, usage, features and onboarding: nearly every panel has data
    assertThat(withRows).isGreaterThanOrEqualTo(panels - 3);
  }

  @Test
  void timeColumnsAreEpochMillisecondsInsideTheRange() {
    JsonNode frame =
        viewer.get("/api/boards/tenant-pulse-usage-billing/panels/1?" + BoardData.range()).json();
    assertThat(frame.get("columns").get(0).get("type").asString()).startsWith("DateTime");
    for (JsonNode row : frame.get("rows")) {
      long t = row.get(0).asLong();
      assertThat(t)
          .isBetween(
              BoardData.FROM.minusSeconds(86_400).toEpochMilli(), BoardData.TO.toEpochMilli());
    }
  }

  @Test
  void choosingAPlanChangesTheDataAndAllMeansEveryPlan() {
    String path = "/api/boards/tenant-pulse-usage-billing/panels/1?" + BoardData.range();
    JsonNode starter = viewer.get(path + "&var-plan=starter").json().get("rows");
    JsonNode enterprise = viewer.get(path + "&var-plan=enterprise").json().get("rows");
    JsonNode all = viewer.get(path + "&var-plan=%24__all").json().get("rows");
    JsonNode both = viewer.get(path + "&var-plan=starter&var-plan=enterprise").json().get("rows");
    JsonNode byDefault = viewer.get(path).json().get("rows");
    assertThat(starter).isNotEmpty();
    assertThat(starter).isNotEqualTo(enterprise);
    for (JsonNode row : starter) {
      assertThat(row.get(2).asString()).isEqualTo("starter");
    }
    assertThat(both.size()).isEqualTo(starter.size() + enterprise.size());
    assertThat(all).isEqualTo(byDefault);
  }

  @Test
  void csvDownloadHoldsTheSameRowsAsAttachment() {
    String path = "/api/boards/tenant-pulse-usage-billing/panels/2?" + BoardData.range();
    ConsoleLogin.Answer csv = viewer.get(path + "&format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Disposition")).startsWith("attachment;").contains(".csv");
    int rows = viewer.get(path).json().get("rows").size();
    assertThat(csv.body().strip().split("\n")).hasSize(rows + 1);
  }

  @Test
  void relativeRangesResolveAsGrafanaLinksMeanThem() {
    ConsoleLogin.Answer relative =
        viewer.get("/api/boards/tenant-pulse-usage-billing/panels/1/sql?from=now-30d%2Fd&to=now");
    assertThat(relative.status()).as(relative.body()).isEqualTo(200);
    ConsoleLogin.Answer iso =
        viewer.get(
            "/api/boards/tenant-pulse-usage-billing/panels/1/sql?from=2026-11-01&to=2026-11-08T00:00:00Z");
    assertThat(iso.json().get("sql").asString())
        .contains("toDate('2026-11-01')")
        .contains("toDate('2026-11-08')");
  }

  @Test
  void unknownBoardsPanelsAndVariablesAre404() {
    assertThat(viewer.get("/api/boards/nope").status()).isEqualTo(404);
    assertThat(viewer.get("/api/boards/tenant-pulse-activity/panels/999").status()).isEqualTo(404);
    assertThat(viewer.get("/api/boards/tenant-pulse-activity/panels/x").status()).isEqualTo(404);
    assertThat(viewer.get("/api/boards/tenant-pulse-activity/variables/nope").status())
        .isEqualTo(404);
    assertThat(viewer.get("/api/boards/tenant-pulse-service-health/panels/1").status())
        .isEqualTo(404);
  }

  @Test
  void variableOptionsComeFromTheDefinitionOrTheVariablesQuery() {
    JsonNode plans =
        viewer.get("/api/boards/tenant-pulse-usage-billing/variables/plan").json().get("options");
    assertThat(plans.findValuesAsString("value")).contains("starter", "professional", "unknown");
    JsonNode features =
        viewer
            .get("/api/boards/tenant-pulse-feature-adoption/variables/feature?" + BoardData.range())
            .json()
            .get("options");
    assertThat(features.findValuesAsString("value")).contains("sso");
  }

  @Test
  void theTenantBoardOpensEmptyAndShowsTheTenantNamedInTheUrl() {
    String path = "/api/boards/tenant-pulse-tenant/panels/";
    JsonNode panels =
        viewer.get("/api/boards/tenant-pulse-tenant").json().get("dashboard").get("panels");
    for (JsonNode panel : panels) {
      String url = path + panel.get("id").asInt() + "?" + BoardData.range();
      assertThat(viewer.get(url).json().get("rows")).as(url).isEmpty();
      assertThat(viewer.get(url + "&var-tenant=").json().get("rows")).as(url).isEmpty();
      assertThat(viewer.get(url + "&var-tenant=" + BoardData.tenant()).json().get("rows"))
          .as(url)
          .isNotEmpty();
    }
  }

  @Test
  void hostileTenantValuesAreRefusedWith400() {
    String path = "/api/boards/tenant-pulse-tenant/panels/1?var-tenant=";
    int refused = 0;
    for (String value : HostileValues.generate(20_261_207L, 100)) {
      if (value.isEmpty() || dev.tenantpulse.tenancy.events.IdPattern.matches(value)) {
        continue;
      }
      String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
      ConsoleLogin.Answer answer = viewer.get(path + encoded);
      assertThat(answer.status()).as(value).isEqualTo(400);
      refused++;
    }
    assertThat(refused).isGreaterThan(100);
  }

  @Test
  void hostileVariableAndRangeValuesAreRefusedWith400BeforeAnySqlRuns() {
    String path = "/api/boards/tenant-pulse-feature-adoption/panels/1?";
    int checked = 0;
    for (String value : HostileValues.generate(20_261_206L, 150)) {
      String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
      for (String parameter : List.of("var-plan", "var-feature", "from", "to")) {
        ConsoleLogin.Answer answer = viewer.get(path + parameter + "=" + encoded);
        if (answer.status() == 200) {
          // only a real value may pass: a plan of the list, an id, or a time
          assertThat(HostileValues.harmless(parameter, value)).as(parameter + "=" + value).isTrue();
          continue;
        }
        assertThat(answer.status())
            .as(parameter + "=" + value + " " + answer.body())
            .isEqualTo(400);
        checked++;
        if (answer.header("Content-Type").startsWith("text/html")) {
          // a request line longer than Tomcat takes (8 KiB) is refused by Tomcat itself
          assertThat(encoded.length()).as(parameter + "=" + value).isGreaterThan(8000);
          continue;
        }
        assertThat(answer.json().get("code").asString()).isIn("bad_variable", "bad_time_range");
      }
    }
    assertThat(checked).isGreaterThan(400);
  }

  private static void assertSameCell(String where, JsonNode cell, String direct) {
    if (direct == null) {
      assertThat(cell.isNull()).as(where).isTrue();
    } else if (cell.isNumber()) {
      if (cell.isIntegralNumber() && direct.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
        return; // a time: epoch ms here, text there (checked by timeColumnsAreEpochMilliseconds…)
      }
      assertThat(cell.decimalValue()).as(where).isEqualByComparingTo(new BigDecimal(direct));
    } else if (cell.isString()) {
      assertThat(cell.asString()).as(where).isEqualTo(direct);
    }
  }

  private static List<List<String>> runDirectly(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(RunningRuntime.get().warehouseUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
