package dev.tenantpulse.collector.entitlements;

import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The plan each tenant is on, as the plan events the collector accepted say, kept in the metadata
 * database so it survives a restart. The newest event by its timestamp wins, so a late, older event
 * never rolls a plan back. Two events with the same timestamp (to the microsecond, the databases'
 * precision): the one recorded last wins.
 *
 * <p>Not in a transaction with the Kafka write: the plan is recorded after Kafka acknowledged the
 * event, so a crash in between leaves the plan behind until the client's retry (same id) or the
 * tenant's next plan event.
 */
@Repository
public class TenantPlans {

  private final JdbcClient jdbc;
  private final Clock clock;

  TenantPlans(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records the plan of every signup and plan change in {@code events}: events a key was allowed to
   * send and Kafka acknowledged. The ingestion service is the only caller, after it refused client
   * keys' plan events; no other route writes this table.
   */
  public void recordPlanEvents(List<TenantEvent> events) {
    for (TenantEvent e : events) {
      if (e.type() != null && e.type().carriesPlan()) {
        record(e.tenantId(), e.plan(), e.timestamp(), e.id());
      }
    }
  }

  void record(String tenantId, String plan, Instant effectiveAt, String eventId) {
    OffsetDateTime at = utc(effectiveAt);
    OffsetDateTime now = utc(clock.instant());
    int updated =
        jdbc.sql(
                "UPDATE tenant_plans SET plan = ?, effective_at = ?, event_id = ?, updated_at = ?"
                    + " WHERE tenant_id = ? AND effective_at <= ?")
            .params(plan, at, eventId, now, tenantId, at)
            .update();
    if (updated == 0
        && jdbc.sql("SELECT count(*) FROM tenant_plans WHERE tenant_id = ?")
                .param(tenantId)
                .query(Integer.class)
                .single()
            == 0) {
      try {
        jdbc.sql(
                "INSERT INTO tenant_plans (tenant_id, plan, effective_at, event_id, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)")
            .params(tenantId, plan, at, eventId, now)
            .update();
      } catch (org.springframework.dao.DuplicateKeyException raced) {
        record(tenantId, plan, effectiveAt, eventId); // another request inserted first
      }
    }
  }

  /** TIMESTAMP WITH TIME ZONE as both engines store it: UTC, microseconds. */
  private static OffsetDateTime utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  /** Forgets the tenant's plan (erasure); answers how many rows were deleted (0 or 1). */
  public int delete(String tenantId) {
    return jdbc.sql("DELETE FROM tenant_plans WHERE tenant_id = ?").param(tenantId).update();
  }

  /** The tenant's current plan, when a plan event for it was seen. */
  public Optional<String> currentPlan(String tenantId) {
    return jdbc.sql("SELECT plan FROM tenant_plans WHERE tenant_id = ?")
        .param(tenantId)
        .query(String.class)
        .optional();
  }
}
