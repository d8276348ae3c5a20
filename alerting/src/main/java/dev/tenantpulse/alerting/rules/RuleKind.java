package dev.tenantpulse.alerting.rules;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a rule checks. Each kind reads one of the design's tables and knows its parameters, their
 * defaults and how stale its table may get before the rule reports "no data".
 */
public enum RuleKind {
  /**
   * The newest closed hour's drop of active tenants against a baseline (the weekly average, or the
   * same weekday of earlier weeks, raw or scaled to today's weekly average), overall (no labels)
   * and per plan ({@code plan=…}).
   */
  ACTIVE_TENANTS_DROP(
      "active_tenants_drop",
      Duration.ofMinutes(10),
      Duration.ofHours(2),
      Severity.CRITICAL,
      List.of(
          ParamSpec.number(
              "drop_ratio", 0.20, 0, 1, "fires when drop_ratio is at least this (0.20 = 20 %)"),
          ParamSpec.number(
              "min_baseline",
              10,
              0,
              Double.MAX_VALUE,
              "and weekly_avg is at least this many tenants (small numbers are noise)"),
          ParamSpec.flag("overall", true, "check the overall figure"),
          ParamSpec.flag("per_plan", true, "check each plan as its own labelled instance"),
          ParamSpec.choice(
              "baseline",
              "weekly_average",
              List.of("weekly_average", "same_weekday", "same_weekday_adjusted"),
              "weekly_average: the table's weekly_avg (the same hour on the 7 days before);"
                  + " same_weekday: the same hour on the same weekday of the last `weeks` weeks,"
                  + " leaving out hours that were firing; same_weekday_adjusted: weekly_avg × the"
                  + " share of their weekly_avg those hours had (follows growth)"),
          ParamSpec.integer(
              "weeks", 4, 1, 12, "same_weekday: how many earlier weeks form the baseline"),
          ParamSpec.choice(
              "aggregate",
              "median",
              List.of("median", "mean"),
              "same_weekday: the median (robust to one odd week) or the mean of those weeks"))),

  /**
   * The newest complete signup cohort's median completion time against the mean of the cohorts
   * before it.
   */
  ONBOARDING_SLOWDOWN(
      "onboarding_slowdown",
      Duration.ZERO,
      Duration.ofDays(14),
      Severity.WARNING,
      List.of(
          ParamSpec.number(
              "factor",
              1.5,
              1,
              1000,
              "fires when the newest cohort's p50 is at least this times the earlier mean"),
          ParamSpec.integer("previous_cohorts", 4, 1, 52, "how many earlier cohorts form the mean"),
          ParamSpec.integer(
              "min_completed", 5, 1, 1_000_000, "cohorts with fewer completions are not judged"))),

  /** A plan's adoption of a feature against the same figure some days earlier. */
  FEATURE_ADOPTION_DROP(
      "feature_adoption_drop",
      Duration.ZERO,
      Duration.ofDays(2),
      Severity.WARNING,
      List.of(
          ParamSpec.number(
              "drop_points",
              0.10,
              0,
              1,
              "fires when adoption_ratio fell by at least this much (0.10 = 10 points)"),
          ParamSpec.integer("compare_days", 7, 1, 365, "compared with the day this many days back"),
          ParamSpec.integer(
              "min_plan_tenants", 5, 0, 1_000_000, "plans with fewer tenants are not judged"))),

  /**
   * The billing export stalled or fails: hours of billed usage older than {@code max_lag_hours}
   * that Stripe does not hold yet (no reconciliation row, or one that is pending, owed or stopped).
   * Not met where the export never ran (no reconciliation row at all).
   */
  BILLING_EXPORT_STALLED(
      "billing_export_stalled",
      Duration.ZERO,
      Duration.ofDays(3650),
      Severity.WARNING,
      List.of(
          ParamSpec.integer(
              "max_lag_hours",
              3,
              1,
              720,
              "fires when an hour of billed usage is not at Stripe this many hours after it"
                  + " ended (keep it above the export's grace)"),
          ParamSpec.flag(
              "count_no_customer",
              false,
              "also count tenants without a Stripe customer id (usually a setup gap, not a"
                  + " failure)")));

  private final String id;
  private final Duration defaultFor;
  private final Duration defaultNoDataAfter;
  private final Severity defaultSeverity;
  private final List<ParamSpec> params;

  RuleKind(
      String id,
      Duration defaultFor,
      Duration defaultNoDataAfter,
      Severity defaultSeverity,
      List<ParamSpec> params) {
    this.id = id;
    this.defaultFor = defaultFor;
    this.defaultNoDataAfter = defaultNoDataAfter;
    this.defaultSeverity = defaultSeverity;
    this.params = params;
  }

  /** The name used in rules files. */
  public String id() {
    return id;
  }

  public Duration defaultFor() {
    return defaultFor;
  }

  public Duration defaultNoDataAfter() {
    return defaultNoDataAfter;
  }

  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  public List<ParamSpec> params() {
    return params;
  }

  public Optional<ParamSpec> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public static Optional<RuleKind> byId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(RuleKind::id).toList();
  }
}
