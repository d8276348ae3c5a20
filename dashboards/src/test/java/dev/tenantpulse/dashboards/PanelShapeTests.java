package dev.tenantpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.ExpectedColumn;
import dev.tenantpulse.dashboards.model.FieldOverride;
import dev.tenantpulse.dashboards.model.Json;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.SqlTarget;
import dev.tenantpulse.dashboards.model.ValueKind;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Panel settings that name result columns name columns the query returns (the chDB tests prove the
 * query returns exactly its expected columns), and plans/features come from the catalog.
 */
class PanelShapeTests {

  private final PlanCatalog catalog = PlanCatalog.defaultCatalog();
  private final List<Dashboard> dashboards = Boards.all(catalog);

  @Test
  void fieldOverridesNameColumnsOfTheQuery() {
    for (Dashboard dashboard : dashboards) {
      for (Panel panel : dashboard.panels()) {
        if (!(panel.targets().get(0) instanceof SqlTarget)) {
          continue;
        }
        Set<String> columns = columns(panel);
        for (FieldOverride override : panel.fieldConfig().overrides()) {
          assertThat(columns)
              .as("%s '%s' overrides a column it returns", dashboard.uid(), panel.title())
              .contains(override.fieldName());
        }
      }
    }
  }

  @Test
  void barChartsLabelBarsWithATextColumn() {
    for (Dashboard dashboard : dashboards) {
      for (Panel panel : dashboard.panels()) {
        if (panel.type().equals("barchart")) {
          String xField = panel.options().get("xField").asString();
          assertThat(((SqlTarget) panel.targets().get(0)).expect())
              .contains(new ExpectedColumn(xField, ValueKind.TEXT));
        }
      }
    }
  }

  @Test
  void planAndFeatureChoicesComeFromTheCatalog() {
    String json = Json.write(dashboards.get(1).toJson());
    for (String plan : catalog.planIds()) {
      assertThat(json).contains("\"value\": \"" + plan + "\"");
    }
    for (String feature : catalog.featureIds()) {
      assertThat(json).contains("'" + feature + "'");
    }
    assertThat(dashboards.get(0).variables().get(0).toJson().get("query").asString())
        .as("activity plans: the catalog's, then unknown")
        .isEqualTo(
            catalog.plans().stream()
                    .map(p -> p.displayName() + " : " + p.id())
                    .collect(Collectors.joining(","))
                + ",unknown : unknown");
  }

  private static Set<String> columns(Panel panel) {
    return panel.targets().stream()
        .flatMap(t -> ((SqlTarget) t).expect().stream())
        .map(ExpectedColumn::name)
        .collect(Collectors.toSet());
  }
}
