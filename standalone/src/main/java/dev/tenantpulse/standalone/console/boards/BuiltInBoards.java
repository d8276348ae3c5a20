package dev.tenantpulse.standalone.console.boards;

import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.SqlTarget;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The boards the console draws: the very {@link Dashboard} objects the Grafana JSON is generated
 * from, so a panel added in Java shows up in both. A board whose panels read Prometheus (service
 * health) is listed but not drawn: the runtime has no Prometheus to ask.
 */
@Component
public class BuiltInBoards {

  private final Map<String, Dashboard> byUid = new LinkedHashMap<>();

  public BuiltInBoards() {
    this(Boards.all(PlanCatalog.defaultCatalog()));
  }

  BuiltInBoards(List<Dashboard> dashboards) {
    dashboards.forEach(d -> byUid.put(d.uid(), d));
  }

  public List<Dashboard> all() {
    return List.copyOf(byUid.values());
  }

  public Optional<Dashboard> find(String uid) {
    return Optional.ofNullable(byUid.get(uid));
  }

  /** Why a board cannot be drawn here; empty when every panel reads ClickHouse. */
  public static Optional<String> unavailable(Dashboard dashboard) {
    boolean allSql =
        dashboard.panels().stream()
            .flatMap(p -> p.targets().stream())
            .allMatch(SqlTarget.class::isInstance);
    return allSql
        ? Optional.empty()
        : Optional.of(
            "its panels read Prometheus, which the one-process runtime does not run: open it in"
                + " Grafana (deploy/), or read the services' /actuator/prometheus");
  }

  /** The panel's ClickHouse query; empty for a panel that has none. */
  static Optional<SqlTarget> query(Panel panel) {
    return panel.targets().stream()
        .filter(SqlTarget.class::isInstance)
        .map(SqlTarget.class::cast)
        .findFirst();
  }
}
