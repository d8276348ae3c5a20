package dev.tenantpulse.scenario.oracle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The expected rows of every table, each list in a fixed order: events in arrival order, hourly
 * rows by window end (then plan in catalog order, {@code unknown} after), adoption by day, plan and
 * feature (catalog features first), onboarding tenants by id, cohorts by week, usage by day, tenant
 * and meter, monthly usage by month, tenant and meter, usage by plan by day, plan and meter, hourly
 * usage by hour, tenant and meter, tenants by id.
 *
 * @param events one row per (tenant_id, event_id): the first copy, late ones flagged
 * @param duplicates how many arrivals were later copies (dropped)
 * @param lateEvents how many events were late by the lateness rule (counted or not)
 */
public record ExpectedMetrics(
    List<ExpectedEvent> events,
    List<ExpectedTenant> tenants,
    List<ExpectedActiveHour> activeHours,
    List<ExpectedActiveHourByPlan> activeHoursByPlan,
    List<ExpectedFeatureAdoption> featureAdoption,
    List<ExpectedOnboardingTenant> onboardingTenants,
    List<ExpectedOnboardingCohort> onboardingCohorts,
    List<ExpectedUsageDay> usageDays,
    List<ExpectedUsageMonth> usageMonths,
    List<ExpectedUsageDayByPlan> usageDaysByPlan,
    List<ExpectedUsageHour> usageHours,
    long duplicates,
    long lateEvents) {

  public ExpectedMetrics {
    events = List.copyOf(events);
    tenants = List.copyOf(tenants);
    activeHours = List.copyOf(activeHours);
    activeHoursByPlan = List.copyOf(activeHoursByPlan);
    featureAdoption = List.copyOf(featureAdoption);
    onboardingTenants = List.copyOf(onboardingTenants);
    onboardingCohorts = List.copyOf(onboardingCohorts);
    usageDays = List.copyOf(usageDays);
    usageMonths = List.copyOf(usageMonths);
    usageDaysByPlan = List.copyOf(usageDaysByPlan);
    usageHours = List.copyOf(usageHours);
  }

  /** The first emitted hour (window end), null when nothing counted. */
  public Instant firstWindowEnd() {
    return activeHours.isEmpty() ? null : activeHours.get(0).windowEnd();
  }

  /** The last emitted hour of this bounded input, null when nothing counted. */
  public Instant lastWindowEnd() {
    return activeHours.isEmpty() ? null : activeHours.get(activeHours.size() - 1).windowEnd();
  }

  /** The row of window end {@code windowEnd}, if emitted. */
  public Optional<ExpectedActiveHour> activeHour(Instant windowEnd) {
    return activeHours.stream().filter(h -> h.windowEnd().equals(windowEnd)).findFirst();
  }

  /** The rows of {@code events} flagged late. */
  public List<ExpectedEvent> lateEventRows() {
    return events.stream().filter(ExpectedEvent::late).toList();
  }

  /**
   * The rows whose time lies in [from, to): events by event time, hourly rows by window end, daily
   * rows by the start of their day, hourly usage by the start of its hour, monthly rows by the
   * start of their month, onboarding tenants by signup, cohorts by the start of their week. Tenants
   * (current state) are kept whole; {@code lateEvents} counts the late events left.
   */
  public ExpectedMetrics restrictTo(Instant from, Instant to) {
    Predicate<Instant> in = t -> !t.isBefore(from) && t.isBefore(to);
    Function<LocalDate, Instant> startOf = d -> d.atStartOfDay(ZoneOffset.UTC).toInstant();
    List<ExpectedEvent> keptEvents = keep(events, e -> in.test(e.eventTime()));
    return new ExpectedMetrics(
        keptEvents,
        tenants,
        keep(activeHours, h -> in.test(h.windowEnd())),
        keep(activeHoursByPlan, h -> in.test(h.windowEnd())),
        keep(featureAdoption, r -> in.test(startOf.apply(r.day()))),
        keep(onboardingTenants, t -> in.test(t.signedUpAt())),
        keep(onboardingCohorts, c -> in.test(startOf.apply(c.cohortWeek()))),
        keep(usageDays, u -> in.test(startOf.apply(u.day()))),
        keep(usageMonths, u -> in.test(startOf.apply(u.month()))),
        keep(usageDaysByPlan, u -> in.test(startOf.apply(u.day()))),
        keep(usageHours, u -> in.test(u.hour())),
        duplicates,
        keptEvents.stream().filter(ExpectedEvent::late).count());
  }

  private static <T> List<T> keep(List<T> rows, Predicate<T> test) {
    return rows.stream().filter(test).toList();
  }
}
