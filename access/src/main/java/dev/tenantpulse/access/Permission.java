package dev.tenantpulse.access;

/** What a request may need; a {@link Role} is the set of these its users hold. */
public enum Permission {
  /** Dashboards, alert state and pipeline freshness: reading what the services show. */
  VIEW_DASHBOARDS,
  /** Read-only SQL: the console's {@code /api/sql} and the ClickHouse HTTP interface. */
  RUN_SQL,
  /** Create, list and revoke API keys. */
  MANAGE_KEYS,
  /** Create, change and delete alert rules and silences. */
  EDIT_RULES,
  /** Start recomputes of the metric tables. */
  RECOMPUTE,
  /** Create and delete users, set their passwords. */
  MANAGE_USERS
}
