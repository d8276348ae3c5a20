package dev.tenantpulse.dashboards.grafana;

import dev.tenantpulse.dashboards.PanelQuery;
import dev.tenantpulse.dashboards.Selections;
import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.macros.PanelSql;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.provisioning.ProvisionedDatasources;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP requests Grafana's ClickHouse plugin ({@code grafana-clickhouse-datasource}, protocol
 * {@code http}) sends for the dashboards, so a server or the embedded HTTP interface can be tested
 * with exactly them. Read from the plugin's source and its driver, clickhouse-go v2 ({@code
 * conn_http.go}, {@code context.go}); docs/grafana-plugin-requests.md has the references.
 *
 * <ul>
 *   <li>Every request is a {@code POST} of the SQL text with, in the URL, {@code
 *       database=tenant_pulse} (the data source's default database), {@code default_format=Native},
 *       {@code client_protocol_version=54460} and {@code max_execution_time}: the seconds left
 *       before the query's deadline plus 5, truncated, which is the data source's query timeout + 4
 *       (64 for the provisioned 60 s). Only {@code max_execution_time} is a setting to ClickHouse;
 *       the others are parameters of its HTTP interface.
 *   <li>The answer must be Native format for protocol revision 54460: block info before each block
 *       and a "custom serialization" byte (0) after each column's type.
 *   <li>Before anything else on a new connection the driver asks {@link #hello()}; "Save &amp;
 *       test" sends {@link #ping()}; the plugin's front end sends {@link #version()} before the
 *       first variable query.
 * </ul>
 *
 * Panel SQL is expanded as Grafana and the plugin do ({@link PanelSql}) with each dashboard's
 * default variable selection and the interval Grafana picks for a 1000-point wide panel.
 */
public final class PluginRequests {

  /** The format the driver asks for in {@code default_format}, and reads. */
  public static final String FORMAT = "Native";

  /** clickhouse-go's {@code DBMS_TCP_PROTOCOL_VERSION} (lib/proto/const.go, v2.40 to v2.47). */
  public static final int CLIENT_PROTOCOL_VERSION = 54460;

  /** A user agent like the driver's; the plugin appends Grafana's and its own version. */
  public static final String USER_AGENT =
      "clickhouse-go/2.40.3 (lv:go/1.24; os:linux) grafana/12.2.0 clickhouse-datasource/4.11.1";

  /**
   * The settings (not HTTP parameters) the plugin may send: {@code max_execution_time} always,
   * {@code limit} only when the data source enables Grafana's row limit (ours does not). A
   * read-only user must be allowed to change exactly these.
   */
  public static final List<String> SETTINGS = List.of("max_execution_time", "limit");

  private PluginRequests() {}

  /** Every query of the committed dashboards for the range, in dashboard then panel order. */
  public static List<PluginRequest> committed(Instant from, Instant to) {
    return of(Boards.all(PlanCatalog.defaultCatalog()), from, to);
  }

  /**
   * The same with values a user typed or picked instead of the defaults (a tenant id in the tenant
   * board's text box, which opens empty): each applies to the boards that have that variable.
   */
  public static List<PluginRequest> committed(
      Instant from, Instant to, Map<String, List<String>> chosen) {
    return of(Boards.all(PlanCatalog.defaultCatalog()), from, to, chosen);
  }

  /** Every ClickHouse query (variables, panels, annotations) of the dashboards for the range. */
  public static List<PluginRequest> of(List<Dashboard> dashboards, Instant from, Instant to) {
    return of(dashboards, from, to, Map.of());
  }

  private static List<PluginRequest> of(
      List<Dashboard> dashboards, Instant from, Instant to, Map<String, List<String>> chosen) {
    List<PluginRequest> requests = new ArrayList<>();
    for (Dashboard dashboard : dashboards) {
      Map<String, List<String>> selection = new LinkedHashMap<>(Selections.defaults(dashboard));
      chosen.forEach((name, values) -> selection.computeIfPresent(name, (k, v) -> values));
      QueryContext context = QueryContext.of(from, to, selection);
      for (PanelQuery query : PanelQuery.of(List.of(dashboard))) {
        requests.add(
            new PluginRequest(
                dashboard.uid(),
                query.source(),
                PanelSql.expand(query.target().rawSql(), context),
                parameters(ProvisionedDatasources.QUERY_TIMEOUT_SECONDS)));
      }
    }
    return requests;
  }

  /**
   * The driver's first query on every new HTTP connection; it decodes all later answers with the
   * {@code revision()} returned here. It runs under the data source's dial timeout (10 s).
   */
  public static PluginRequest hello() {
    return new PluginRequest(
        "plugin",
        "hello",
        "SELECT displayName(), version(), revision(), timezone()",
        parameters(ProvisionedDatasources.DIAL_TIMEOUT_SECONDS));
  }

  /** The health check ("Save &amp; test"): the single result column must be named {@code 1}. */
  public static PluginRequest ping() {
    return new PluginRequest(
        "plugin", "ping", "SELECT 1", parameters(ProvisionedDatasources.QUERY_TIMEOUT_SECONDS));
  }

  /** The front end's version check before variable queries (ad hoc filter support). */
  public static PluginRequest version() {
    return new PluginRequest(
        "plugin",
        "version",
        "SELECT version()",
        parameters(ProvisionedDatasources.QUERY_TIMEOUT_SECONDS));
  }

  /** The value of {@code max_execution_time} for a deadline {@code timeoutSeconds} away. */
  public static int maxExecutionTime(int timeoutSeconds) {
    // int(time.Until(deadline).Seconds() + 5): a moment has passed since the deadline was set.
    return timeoutSeconds + 4;
  }

  private static Map<String, String> parameters(int timeoutSeconds) {
    return Map.of(
        "database",
        ProvisionedDatasources.DATABASE,
        "default_format",
        FORMAT,
        "client_protocol_version",
        Integer.toString(CLIENT_PROTOCOL_VERSION),
        "max_execution_time",
        Integer.toString(maxExecutionTime(timeoutSeconds)));
  }
}
