package dev.tenantpulse.scenario.oracle;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.time.Duration;
import java.util.Objects;

/**
 * How the oracle reads the arrivals.
 *
 * @param lateness how far behind the newest event time seen before it an event may be and still
 *     count in the streaming metrics (default 1 h)
 * @param catalog the plans, features and onboarding steps
 * @param countLate false: streaming semantics, late events are kept in {@code events} (late = 1)
 *     and left out of every metric; true: recompute semantics, every event counts
 */
public record OracleOptions(Duration lateness, PlanCatalog catalog, boolean countLate) {

  public static final Duration DEFAULT_LATENESS = Duration.ofHours(1);

  public OracleOptions {
    Objects.requireNonNull(lateness, "lateness");
    Objects.requireNonNull(catalog, "catalog");
    if (lateness.isNegative()) {
      throw new IllegalArgumentException("lateness must be >= 0, got " + lateness);
    }
  }

  /** What the streaming jobs compute: 1 h lateness, default catalog, late events not counted. */
  public static OracleOptions streaming() {
    return new OracleOptions(DEFAULT_LATENESS, PlanCatalog.defaultCatalog(), false);
  }

  /** What a recompute over stored events computes: every event counts. */
  public static OracleOptions recompute() {
    return streaming().withCountLate(true);
  }

  public OracleOptions withLateness(Duration lateness) {
    return new OracleOptions(lateness, catalog, countLate);
  }

  public OracleOptions withCatalog(PlanCatalog catalog) {
    return new OracleOptions(lateness, catalog, countLate);
  }

  public OracleOptions withCountLate(boolean countLate) {
    return new OracleOptions(lateness, catalog, countLate);
  }
}
