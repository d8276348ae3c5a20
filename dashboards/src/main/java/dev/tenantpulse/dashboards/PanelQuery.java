package dev.tenantpulse.dashboards;

import dev.tenantpulse.dashboards.model.Annotation;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.QueryType;
import dev.tenantpulse.dashboards.model.QueryVariable;
import dev.tenantpulse.dashboards.model.SqlAnnotation;
import dev.tenantpulse.dashboards.model.SqlTarget;
import dev.tenantpulse.dashboards.model.Target;
import dev.tenantpulse.dashboards.model.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * One ClickHouse query of a dashboard (a panel's, an annotation's or a variable's) with where it
 * comes from: what the tests run on chDB and the benchmark times.
 *
 * @param source e.g. {@code panel 4 "Drop ratio"}, {@code annotation "…"}, {@code variable feature}
 */
public record PanelQuery(String dashboardUid, String source, SqlTarget target) {

  /** Every ClickHouse query of the dashboards, in dashboard then panel order. */
  public static List<PanelQuery> of(List<Dashboard> dashboards) {
    List<PanelQuery> queries = new ArrayList<>();
    for (Dashboard dashboard : dashboards) {
      for (Variable variable : dashboard.variables()) {
        if (variable instanceof QueryVariable v) {
          queries.add(
              new PanelQuery(
                  dashboard.uid(),
                  "variable " + v.name(),
                  new SqlTarget("Var", v.datasource(), QueryType.TABLE, v.sql(), v.expect())));
        }
      }
      for (Panel panel : dashboard.panels()) {
        for (Target target : panel.targets()) {
          if (target instanceof SqlTarget sql) {
            String source = "panel " + panel.id() + " \"" + panel.title() + "\"";
            if (panel.targets().size() > 1) {
              source += " " + sql.refId();
            }
            queries.add(new PanelQuery(dashboard.uid(), source, sql));
          }
        }
      }
      for (Annotation annotation : dashboard.annotations()) {
        if (annotation instanceof SqlAnnotation a) {
          queries.add(
              new PanelQuery(dashboard.uid(), "annotation \"" + a.name() + "\"", a.target()));
        }
      }
    }
    return queries;
  }

  @Override
  public String toString() {
    return dashboardUid + " " + source;
  }
}
