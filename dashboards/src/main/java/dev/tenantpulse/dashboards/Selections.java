package dev.tenantpulse.dashboards;

import dev.tenantpulse.dashboards.model.CustomVariable;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.QueryVariable;
import dev.tenantpulse.dashboards.model.TextBoxVariable;
import dev.tenantpulse.dashboards.model.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The template variable values a dashboard opens with, as Grafana interpolates them. */
public final class Selections {

  private Selections() {}

  /**
   * All values for a custom variable whose default is All, the first otherwise; a query variable's
   * default value; a text box's default text.
   */
  public static Map<String, List<String>> defaults(Dashboard dashboard) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Variable variable : dashboard.variables()) {
      switch (variable) {
        case CustomVariable v ->
            values.put(v.name(), v.includeAll() ? v.values() : List.of(v.values().get(0)));
        case QueryVariable v -> values.put(v.name(), List.of(v.defaultValue()));
        case TextBoxVariable v -> values.put(v.name(), List.of(v.defaultValue()));
      }
    }
    return values;
  }
}
