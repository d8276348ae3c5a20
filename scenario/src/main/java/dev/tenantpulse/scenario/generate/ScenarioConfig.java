package dev.tenantpulse.scenario.generate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a scenario depends on: the same config (seed included) always generates the same
 * arrivals, byte for byte.
 *
 * @param seed the seed of every random choice
 * @param tenants how many tenants (a few of them never sign up: plan {@code unknown})
 * @param days how many UTC days the scenario covers, from {@code start}
 * @param start the first instant of day 0; whole UTC day (default 2026-01-05, a Monday)
 * @param outageDay the day (0-based) on which {@code outageShare} of the tenants are silent, or -1
 *     for none; ignored when beyond {@code days}
 * @param outageShare the share of tenants with no activity at all on the outage day
 * @param duplicateRate the share of in-time events re-sent once more, minutes later
 * @param lateEvents how many events arrive far beyond the lateness (at least 12 h behind)
 * @param maxDisorder the bound of the arrival delay of in-time events (below 20 minutes)
 * @param activityPerDay the mean number of {@code activity} events of a tenant on a weekday it is
 *     active (size knob: feature, usage and onboarding events come on top)
 * @param weekendActivity how likely a tenant is active on a Saturday or Sunday, relative to a
 *     weekday (default 0.85, a mild weekend; 0.4 is a steep B2B weekend that a weekly-average
 *     baseline reads as a drop). Activity events on an active weekend day stay at half the weekday
 *     mean either way.
 */
public record ScenarioConfig(
    long seed,
    int tenants,
    int days,
    Instant start,
    int outageDay,
    double outageShare,
    double duplicateRate,
    int lateEvents,
    Duration maxDisorder,
    double activityPerDay,
    double weekendActivity) {

  /** Monday 2026-01-05T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");

  public static final int DEFAULT_OUTAGE_DAY = 30;
  public static final double DEFAULT_OUTAGE_SHARE = 0.35;
  public static final double DEFAULT_DUPLICATE_RATE = 0.025;
  public static final Duration DEFAULT_MAX_DISORDER = Duration.ofMinutes(19);
  public static final double DEFAULT_WEEKEND_ACTIVITY = 0.85;

  /**
   * The configuration without a weekend option, with the default mild weekend ({@value
   * #DEFAULT_WEEKEND_ACTIVITY}): what every caller wrote before the option existed.
   */
  public ScenarioConfig(
      long seed,
      int tenants,
      int days,
      Instant start,
      int outageDay,
      double outageShare,
      double duplicateRate,
      int lateEvents,
      Duration maxDisorder,
      double activityPerDay) {
    this(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        DEFAULT_WEEKEND_ACTIVITY);
  }

  public ScenarioConfig {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(maxDisorder, "maxDisorder");
    List<String> problems = new ArrayList<>();
    if (tenants < 1) {
      problems.add("tenants must be >= 1, got " + tenants);
    }
    if (days < 1) {
      problems.add("days must be >= 1, got " + days);
    }
    if (!start.truncatedTo(ChronoUnit.DAYS).equals(start)) {
      problems.add("start must be a whole UTC day, got " + start);
    }
    if (outageShare < 0 || outageShare > 1) {
      problems.add("outageShare must be in [0, 1], got " + outageShare);
    }
    if (duplicateRate < 0 || duplicateRate > 0.5) {
      problems.add("duplicateRate must be in [0, 0.5], got " + duplicateRate);
    }
    if (lateEvents < 0) {
      problems.add("lateEvents must be >= 0, got " + lateEvents);
    }
    if (maxDisorder.isNegative() || maxDisorder.compareTo(Duration.ofMinutes(20)) >= 0) {
      problems.add("maxDisorder must be in [0, 20 min), got " + maxDisorder);
    }
    if (!(activityPerDay > 0) || activityPerDay > 1000) {
      problems.add("activityPerDay must be in (0, 1000], got " + activityPerDay);
    }
    if (!(weekendActivity > 0) || weekendActivity > 1) {
      problems.add("weekendActivity must be in (0, 1], got " + weekendActivity);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid scenario config: " + String.join("; ", problems));
    }
  }

  /** About 300 tenants over 40 days, some 50-60k arrivals: for tests. */
  public static ScenarioConfig small(long seed) {
    return new ScenarioConfig(
        seed,
        300,
        40,
        DEFAULT_START,
        DEFAULT_OUTAGE_DAY,
        DEFAULT_OUTAGE_SHARE,
        DEFAULT_DUPLICATE_RATE,
        8,
        DEFAULT_MAX_DISORDER,
        6.0,
        DEFAULT_WEEKEND_ACTIVITY);
  }

  /** About 10,000 tenants over 40 days, a few million arrivals: for benchmarks. */
  public static ScenarioConfig large(long seed) {
    return small(seed).withTenants(10_000).withLateEvents(60).withActivityPerDay(10.0);
  }

  /** The end of the scenario (exclusive): {@code start + days}. */
  public Instant end() {
    return start.plus(Duration.ofDays(days));
  }

  /** Whether the outage day lies inside the scenario. */
  public boolean hasOutage() {
    return outageDay >= 0 && outageDay < days;
  }

  /** The first instant of the outage day; only meaningful when {@link #hasOutage()}. */
  public Instant outageStart() {
    return start.plus(Duration.ofDays(outageDay));
  }

  public ScenarioConfig withSeed(long seed) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  public ScenarioConfig withTenants(int tenants) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  public ScenarioConfig withDays(int days) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  public ScenarioConfig withStart(Instant start) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  /** The outage day, -1 for a scenario without outage. */
  public ScenarioConfig withOutageDay(int outageDay) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  public ScenarioConfig withOutageShare(double outageShare) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  public ScenarioConfig withDuplicateRate(double duplicateRate) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  public ScenarioConfig withLateEvents(int lateEvents) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  public ScenarioConfig withMaxDisorder(Duration maxDisorder) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  public ScenarioConfig withActivityPerDay(double activityPerDay) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  /**
   * How likely a tenant is active at weekends relative to weekdays; {@link #steepWeekends} is 0.4.
   */
  public ScenarioConfig withWeekendActivity(double weekendActivity) {
    return new ScenarioConfig(
        seed,
        tenants,
        days,
        start,
        outageDay,
        outageShare,
        duplicateRate,
        lateEvents,
        maxDisorder,
        activityPerDay,
        weekendActivity);
  }

  /**
   * A B2B product's steep weekend: tenants are active on a Saturday or Sunday 40 % as often as on a
   * weekday.
   */
  public ScenarioConfig steepWeekends() {
    return withWeekendActivity(0.4);
  }
}
