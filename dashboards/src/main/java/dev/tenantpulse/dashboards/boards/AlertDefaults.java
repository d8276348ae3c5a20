package dev.tenantpulse.dashboards.boards;

/**
 * What the tenant activity board draws as "alerting": the built-in {@code active_tenants_drop}
 * rule's defaults (DESIGN.md, alerting semantics), and the gauge the alerting service exports while
 * a rule fires. A rule configured with other values is not reflected in the drawn line; the firing
 * annotation always is, because it comes from the service itself.
 */
final class AlertDefaults {

  /** The rule fires from this drop ratio up (20 % below the weekly average). */
  static final double DROP_RATIO = 0.20;

  /** …when the weekly average is at least this many tenants (small baselines are noise). */
  static final int MIN_BASELINE = 10;

  /**
   * The alerting service's gauge of alert instances per rule and status ({@code
   * alerting_alerts{rule,status}}), narrowed to the firing ones.
   */
  static final String FIRING_GAUGE = "alerting_alerts{status=\"firing\"}";

  private AlertDefaults() {}
}
