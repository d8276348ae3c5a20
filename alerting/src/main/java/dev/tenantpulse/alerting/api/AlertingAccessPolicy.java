package dev.tenantpulse.alerting.api;

import dev.tenantpulse.access.Permission;
import dev.tenantpulse.access.web.AccessPolicy;

/**
 * The permissions of the alerting API, shared with the console, which passes the alerts page's
 * requests on to this API and must ask the same of a browser's user.
 */
public final class AlertingAccessPolicy {

  private AlertingAccessPolicy() {}

  /**
   * Reading alerts, rules and silences is for every role (it is what the alerts page shows); a
   * backtest only reads history, so analysts may run one; anything else (rules, silences, a manual
   * evaluation that may notify) is editing rules, for admins.
   */
  public static final AccessPolicy POLICY =
      (method, path) -> {
        if (method.equals("GET") || method.equals("HEAD")) {
          return Permission.VIEW_DASHBOARDS;
        }
        if (method.equals("POST") && path.matches("/api/rules/[^/]+/backtest")) {
          return Permission.RUN_SQL;
        }
        return Permission.EDIT_RULES;
      };
}
