package dev.tenantpulse.dashboards.boards;

import static dev.tenantpulse.dashboards.model.ExpectedColumn.number;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.text;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.time;
import static dev.tenantpulse.dashboards.provisioning.ProvisionedDatasources.CLICKHOUSE;
import static dev.tenantpulse.dashboards.provisioning.ProvisionedDatasources.PROMETHEUS;

import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.FieldConfig;
import dev.tenantpulse.dashboards.model.FieldOverride;
import dev.tenantpulse.dashboards.model.Json;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.PrometheusAnnotation;
import dev.tenantpulse.dashboards.model.QueryType;
import dev.tenantpulse.dashboards.model.SqlAnnotation;
import dev.tenantpulse.dashboards.model.Thresholds;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * On-call: active tenants over 24 h against their weekly average, overall and per plan, the drop
 * ratio with the alert threshold drawn, and firing alerts as annotations. A login outage or a
 * broken critical feature shows here first.
 */
public final class TenantActivityDashboard {

  public static final String UID = "tenant-pulse-activity";

  private TenantActivityDashboard() {}

  public static Dashboard build(PlanCatalog catalog) {
    List<String> plans = Variables.planIds(catalog, true);
    String threshold = String.format(Locale.ROOT, "%.2f", AlertDefaults.DROP_RATIO);
    return Dashboard.builder(UID, "Tenant Pulse · Tenant activity")
        .description(
            "Active tenants (24 h window) against their weekly average; the drop ratio alerts"
                + " on-call from "
                + percent(AlertDefaults.DROP_RATIO)
                + ".")
        .tags(BoardDefaults.tags("on-call"), BoardDefaults.TAG)
        .time("now-7d", BoardDefaults.REFRESH)
        .variable(Variables.planOrUnknown(catalog))
        .annotation(firingAlerts())
        .annotation(dropHours(threshold))
        .panel(
            Panels.stat(
                "Active tenants (24 h)",
                "Distinct tenants with an activity event in the 24 h before the newest hour.",
                QueryType.TIME_SERIES,
                """
                    SELECT window_end AS time, active_24h
                    FROM tenant_pulse.active_tenants_hourly FINAL
                    WHERE $__timeFilter(window_end)
                    ORDER BY time""",
                time("time"),
                number("active_24h")),
            6,
            5)
        .panel(
            Panels.stat(
                "Weekly average",
                "Mean of active tenants (24 h) at the same hour of the 7 days before.",
                QueryType.TIME_SERIES,
                """
                    SELECT window_end AS time, weekly_avg
                    FROM tenant_pulse.active_tenants_hourly FINAL
                    WHERE $__timeFilter(window_end)
                    ORDER BY time""",
                time("time"),
                number("weekly_avg")),
            6,
            5)
        .panel(dropStat(), 6, 5)
        .panel(
            Panels.stat(
                    "Late events",
                    "Events stored in the range that arrived later than the allowed lateness:"
                        + " left out of the streaming metrics until a recompute of their range.",
                    QueryType.TABLE,
                    """
                    SELECT count() AS late_events
                    FROM tenant_pulse.events FINAL
                    WHERE $__timeFilter(event_time) AND late = 1""",
                    number("late_events"))
                .fieldConfig(
                    FieldConfig.empty()
                        .colorMode("thresholds")
                        .thresholds(Thresholds.of("green").step(1, "orange"))),
            6,
            5)
        .panel(
            Panels.labels(
                Panels.timeSeries(
                    "Active tenants (24 h) vs weekly average",
                    "A sustained gap below the weekly average is what the drop alert watches.",
                    """
                    SELECT window_end AS time, active_24h, weekly_avg
                    FROM tenant_pulse.active_tenants_hourly FINAL
                    WHERE $__timeFilter(window_end)
                    ORDER BY time""",
                    time("time"),
                    number("active_24h"),
                    number("weekly_avg")),
                "active_24h",
                "Active tenants (24 h)",
                "weekly_avg",
                "Weekly average"),
            12,
            9)
        .panel(
            dropSeries(
                "Drop ratio",
                "1 − active / weekly average; the line is the alert threshold.",
                """
                SELECT window_end AS time, drop_ratio
                FROM tenant_pulse.active_tenants_hourly FINAL
                WHERE $__timeFilter(window_end)
                ORDER BY time""",
                false),
            12,
            9)
        .panel(
            Panels.named(
                Panels.timeSeries(
                    "Active tenants (24 h) per plan",
                    "A tenant counts under its plan at the hour; unknown = no signup seen yet.",
                    """
                    SELECT window_end AS time, plan, active_24h
                    FROM tenant_pulse.active_tenants_hourly_by_plan FINAL
                    WHERE $__timeFilter(window_end) AND plan IN (${plan:singlequote})
                    ORDER BY time, %s"""
                        .formatted(CatalogSql.orderBy("plan", plans)),
                    time("time"),
                    text("plan"),
                    number("active_24h")),
                "plan"),
            12,
            9)
        .panel(
            dropSeries(
                "Drop ratio per plan",
                "Per plan: a drop in one plan only points at a plan-specific feature.",
                """
                SELECT window_end AS time, plan, drop_ratio
                FROM tenant_pulse.active_tenants_hourly_by_plan FINAL
                WHERE $__timeFilter(window_end) AND plan IN (${plan:singlequote})
                ORDER BY time, %s"""
                    .formatted(CatalogSql.orderBy("plan", plans)),
                true),
            12,
            9)
        .panel(
            Panels.table(
                    "Plans at the newest hour",
                    "Each plan against its weekly average at the newest hour of the range.",
                    """
                    SELECT plan, active_24h, weekly_avg, drop_ratio
                    FROM tenant_pulse.active_tenants_hourly_by_plan FINAL
                    WHERE window_end = (
                            SELECT max(window_end) FROM tenant_pulse.active_tenants_hourly_by_plan
                            WHERE $__timeFilter(window_end))
                        AND plan IN (${plan:singlequote})
                    ORDER BY %s"""
                        .formatted(CatalogSql.orderBy("plan", plans)),
                    text("plan"),
                    number("active_24h"),
                    number("weekly_avg"),
                    number("drop_ratio"))
                .fieldConfig(
                    FieldConfig.empty()
                        .thresholds(Thresholds.of("green"))
                        .override(
                            FieldOverride.byName("weekly_avg").with("decimals", Json.number(1)))
                        .override(
                            FieldOverride.byName("drop_ratio")
                                .with("unit", "percentunit")
                                .with("decimals", Json.number(1))
                                .with("thresholds", Panels.dropThresholds().toJson())
                                .with("custom.cellOptions", cellBackground()))),
            12,
            8)
        .panel(
            Panels.timeSeries(
                "Events stored and late events",
                "Raw events per interval; late ones wait for a recompute of their range.",
                """
                SELECT $__timeInterval(event_time) AS time, count() AS stored, countIf(late = 1) AS late
                FROM tenant_pulse.events FINAL
                WHERE $__timeFilter(event_time)
                GROUP BY time
                ORDER BY time""",
                time("time"),
                number("stored"),
                number("late")),
            12,
            8)
        .panel(silentTenants(), 24, 9)
        .build();
  }

  /**
   * Tenants that went quiet: active in the range, not in its last 24 hours, and not churned (a
   * churned tenant is expected to be silent). One scan of the range's events, grouped by tenant;
   * plan and churn come from {@code tenants} as two arrays built once (as on the usage board). Each
   * tenant id opens the tenant board.
   */
  private static Panel.Spec silentTenants() {
    Panel.Spec spec =
        Panels.table(
            "Silent tenants",
            "Not churned, active in the range but not in its last 24 h: the 50 that went quiet"
                + " most recently. A tenant id opens the tenant board.",
            """
            WITH (SELECT (groupArray(tenant_id), groupArray(plan),
                        groupArray(toUInt8(churned_at IS NOT NULL)))
                    FROM tenant_pulse.tenants FINAL) AS t,
                transform(tenant_id, t.1, t.2, 'unknown') AS plan
            SELECT tenant_id, plan, last_activity,
                dateDiff('hour', last_activity, $__toTime) AS silent_hours
            FROM (
                SELECT tenant_id, max(event_time) AS last_activity
                FROM tenant_pulse.events FINAL
                WHERE $__timeFilter(event_time) AND type IN %s
                GROUP BY tenant_id
            )
            WHERE last_activity < $__toTime - INTERVAL 24 HOUR
                AND transform(tenant_id, t.1, t.3, toUInt8(0)) = 0
                AND plan IN (${plan:singlequote})
            ORDER BY last_activity DESC, tenant_id
            LIMIT 50"""
                .formatted(CatalogSql.eventTypes(EventType::isActivity)),
            text("tenant_id"),
            text("plan"),
            time("last_activity"),
            number("silent_hours"));
    spec.fieldConfig(
        spec.fieldConfig().override(FieldOverride.byName("silent_hours").with("unit", "h")));
    return Panels.linkToTenant(spec, "tenant_id");
  }

  private static Panel.Spec dropStat() {
    return Panels.stat(
            "Drop vs weekly average",
            "Drop ratio at the newest hour; red from the alert threshold.",
            QueryType.TIME_SERIES,
            """
            SELECT window_end AS time, drop_ratio
            FROM tenant_pulse.active_tenants_hourly FINAL
            WHERE $__timeFilter(window_end)
            ORDER BY time""",
            time("time"),
            number("drop_ratio"))
        .fieldConfig(
            FieldConfig.empty()
                .unit("percentunit")
                .decimals(1)
                .colorMode("thresholds")
                .thresholds(Thresholds.of("green").step(AlertDefaults.DROP_RATIO, "red")));
  }

  private static Panel.Spec dropSeries(
      String title, String description, String sql, boolean perPlan) {
    Panel.Spec spec =
        perPlan
            ? Panels.timeSeries(
                title, description, sql, time("time"), text("plan"), number("drop_ratio"))
            : Panels.timeSeries(title, description, sql, time("time"), number("drop_ratio"));
    var config =
        spec.fieldConfig()
            .unit("percentunit")
            .decimals(1)
            .thresholds(Panels.dropThresholds())
            .custom("thresholdsStyle.mode", "line");
    spec.fieldConfig(config);
    return perPlan ? Panels.named(spec, "plan") : spec;
  }

  private static ObjectNode cellBackground() {
    var cell = Json.object();
    cell.put("mode", "basic");
    cell.put("type", "color-background");
    return cell;
  }

  /** The alerting service's own view: markers while any rule fires, titled with the rule. */
  private static PrometheusAnnotation firingAlerts() {
    return new PrometheusAnnotation(
        "Firing alerts",
        PROMETHEUS,
        "max by (rule) (" + AlertDefaults.FIRING_GAUGE + ") > 0",
        "1m",
        "{{rule}} firing",
        "Alert {{rule}} is firing (alerting service)",
        "rule",
        "red");
  }

  /**
   * Straight from ClickHouse, no alerting service needed: each run of consecutive hours at or over
   * the built-in rule's threshold (with its minimum baseline) becomes one region.
   */
  private static SqlAnnotation dropHours(String threshold) {
    String sql =
        """
        SELECT min(window_end) AS time, max(window_end) AS timeEnd,
            'Active tenants dropped' AS title,
            concat('Up to ', toString(round(max(drop_ratio) * 100, 1)),
                ' %% below the weekly average for ', toString(count()), ' h') AS text,
            'drop' AS tags
        FROM (
            SELECT window_end, drop_ratio,
                window_end - toIntervalHour(row_number() OVER (ORDER BY window_end)) AS run
            FROM tenant_pulse.active_tenants_hourly FINAL
            WHERE $__timeFilter(window_end) AND drop_ratio >= %s AND weekly_avg >= %d
        )
        GROUP BY run
        ORDER BY time"""
            .formatted(threshold, AlertDefaults.MIN_BASELINE);
    return new SqlAnnotation(
        "Drop at or over " + percent(AlertDefaults.DROP_RATIO),
        CLICKHOUSE,
        sql,
        "orange",
        List.of(time("time"), time("timeEnd"), text("title"), text("text"), text("tags")));
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
  }
}
