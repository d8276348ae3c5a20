package dev.tenantpulse.collector.tenantdata;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The cross-tenant aggregate rows an erased tenant's events may have counted in, as a recompute
 * range [from, to), with the tenant's first and last event time it was derived from (read before
 * the events were deleted).
 *
 * <p>{@code from} is the Monday (UTC) of the first event's week: the earliest row period a tenant's
 * event reaches is its signup's cohort week, which starts on or before that Monday; hours and days
 * start after it. {@code to} is the whole hour after the erasure (or after the last event, if that
 * is later), not the last event: the tenant's plan counts in every later day's {@code plan_tenants}
 * of feature adoption until it churns, its activity in the next 24 hours' active tenants and,
 * through {@code weekly_avg}, the next 8 days', its features in the next 30 days' adoption. A
 * recompute writes nothing past the last stored event, so the wide end costs no rows.
 *
 * @param eventsFrom the tenant's first event time
 * @param eventsTo the tenant's last event time
 */
public record AffectedRange(Instant eventsFrom, Instant eventsTo, Instant from, Instant to) {

  static AffectedRange of(Instant first, Instant last, Instant now) {
    Instant from =
        first
            .atOffset(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.DAYS)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .toInstant();
    Instant end = last.isAfter(now) ? last : now;
    Instant to = end.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    return new AffectedRange(first, last, from, to);
  }
}
