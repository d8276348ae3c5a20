package dev.tenantpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.dashboards.macros.TemplateVariables;
import dev.tenantpulse.dashboards.model.BuiltInAnnotation;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.GridPos;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What Grafana needs of the committed JSON (read from the files, so a hand edit is checked too):
 * unique uids and panel ids, panels on the grid without overlap, data sources that provisioning
 * creates, the schema version, and template variables that exist.
 */
class DashboardStructureTests {

  private final List<CommittedDashboards> dashboards = CommittedDashboards.load();

  @Test
  void everyBoardIsCommittedUnderItsUidAndUidsAreUnique() {
    assertThat(dashboards).hasSize(6);
    Set<String> uids = new HashSet<>();
    for (CommittedDashboards d : dashboards) {
      assertThat(d.file().getFileName().toString()).isEqualTo(d.uid() + ".json");
      assertThat(uids.add(d.uid())).as("uid %s used twice", d.uid()).isTrue();
      assertThat(d.uid()).matches("[A-Za-z0-9_-]{1,40}");
    }
  }

  @Test
  void panelIdsAreUniquePerDashboard() {
    for (CommittedDashboards d : dashboards) {
      List<Integer> ids = panels(d).stream().map(p -> p.get("id").asInt()).toList();
      assertThat(ids).as("%s panel ids", d).doesNotHaveDuplicates().allMatch(id -> id > 0);
    }
  }

  @Test
  void panelsSitOnTheGridWithoutOverlapping() {
    for (CommittedDashboards d : dashboards) {
      List<JsonNode> panels = panels(d);
      List<GridPos> positions = new ArrayList<>();
      for (JsonNode p : panels) {
        JsonNode g = p.get("gridPos");
        // The record refuses positions off the 24-column grid.
        positions.add(
            new GridPos(
                g.get("x").asInt(), g.get("y").asInt(), g.get("w").asInt(), g.get("h").asInt()));
      }
      for (int i = 0; i < positions.size(); i++) {
        for (int j = i + 1; j < positions.size(); j++) {
          assertThat(positions.get(i).overlaps(positions.get(j)))
              .as(
                  "%s: panels '%s' and '%s' overlap",
                  d, panels.get(i).get("title").asString(), panels.get(j).get("title").asString())
              .isFalse();
        }
      }
    }
  }

  @Test
  void everyDatasourceIsAProvisionedOne() {
    Map<String, String> provisioned = ProvisioningFiles.datasources();
    for (CommittedDashboards d : dashboards) {
      for (JsonNode ref : datasourceRefs(d.json())) {
        String uid = ref.get("uid").asString();
        String type = ref.get("type").asString();
        if (uid.equals(BuiltInAnnotation.GRAFANA.uid())) {
          continue; // Grafana's own annotations: always there, never provisioned
        }
        assertThat(provisioned).as("%s: data source %s", d, uid).containsEntry(uid, type);
      }
    }
  }

  @Test
  void schemaVersionIsCurrentAndNoLaterMigrationApplies() {
    for (CommittedDashboards d : dashboards) {
      assertThat(d.json().get("schemaVersion").asInt()).isEqualTo(Dashboard.SCHEMA_VERSION);
      String text = d.json().toString();
      // Grafana's migrations past 41 rewrite custom.hideFrom overrides (42) and formatTime
      // transformations (43): with neither present, newer Grafana loads the boards unchanged.
      assertThat(text).doesNotContain("custom.hideFrom").doesNotContain("\"formatTime\"");
    }
  }

  @Test
  void everyReferencedTemplateVariableExists() {
    for (CommittedDashboards d : dashboards) {
      Set<String> defined = new HashSet<>();
      d.json().get("templating").get("list").forEach(v -> defined.add(v.get("name").asString()));
      List<String> referenced = new ArrayList<>();
      collectStrings(d.json().get("panels"), referenced);
      collectStrings(d.json().get("annotations"), referenced);
      collectStrings(d.json().get("templating"), referenced);
      Set<String> used = new HashSet<>();
      for (String text : referenced) {
        TemplateVariables.references(text).forEach(r -> used.add(r.name()));
      }
      assertThat(defined).as("%s defines the variables its queries use", d).containsAll(used);
    }
  }

  @Test
  void clickHouseQueriesUseTheSqlEditorWithAConsistentFormat() {
    Map<String, Integer> formats = new TreeMap<>(Map.of("timeseries", 0, "table", 1));
    for (CommittedDashboards d : dashboards) {
      for (JsonNode panel : panels(d)) {
        for (JsonNode target : panel.get("targets")) {
          if (!target
              .get("datasource")
              .get("type")
              .asString()
              .equals("grafana-clickhouse-datasource")) {
            continue;
          }
          assertThat(target.get("editorType").asString()).isEqualTo("sql");
          String queryType = target.get("queryType").asString();
          assertThat(formats).containsKey(queryType);
          assertThat(target.get("format").asInt()).isEqualTo(formats.get(queryType));
          String sql = target.get("rawSql").asString();
          assertThat(sql).contains("FINAL");
          // Grafana's user is read-only: a setting in the query fails the panel (ReaderProfile).
          assertThat(sql).as(sql).doesNotContainPattern("(?i)\\bSETTINGS\\b");
        }
      }
    }
  }

  private static List<JsonNode> panels(CommittedDashboards d) {
    List<JsonNode> panels = new ArrayList<>();
    d.json().get("panels").forEach(panels::add);
    return panels;
  }

  private static List<JsonNode> datasourceRefs(JsonNode node) {
    List<JsonNode> refs = new ArrayList<>();
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().equals("datasource") && field.getValue().isObject()) {
          refs.add(field.getValue());
        } else {
          refs.addAll(datasourceRefs(field.getValue()));
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> refs.addAll(datasourceRefs(child)));
    }
    return refs;
  }

  private static void collectStrings(JsonNode node, List<String> out) {
    if (node == null) {
      return;
    }
    if (node.isString()) {
      out.add(node.asString());
    } else {
      node.forEach(child -> collectStrings(child, out));
    }
  }
}
