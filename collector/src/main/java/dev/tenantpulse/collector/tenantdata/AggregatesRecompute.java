package dev.tenantpulse.collector.tenantdata;

import java.time.Instant;

/**
 * Recomputes the cross-tenant aggregates (active tenants, feature adoption, onboarding cohorts,
 * usage per plan) of a range after an erasure, so they no longer count the erased tenant. The
 * collector cannot run it (the recompute is flink-jobs', which the collector must not depend on):
 * the one-process runtime registers one that launches its recompute; a collector without one
 * answers how to run it by hand.
 */
public interface AggregatesRecompute {

  /**
   * Starts (or queues behind a running one) the recompute of [from, to) and returns at once.
   *
   * @return what was started, for the erasure's answer
   */
  Ticket start(Instant from, Instant to);

  /**
   * @param state {@code SUBMITTED} or {@code RUNNING} when launched, {@code MANUAL} when an
   *     operator must run it
   * @param id the run's id, null when none was launched
   * @param how where to follow it, or how to run it
   */
  record Ticket(String state, String id, String how) {}
}
