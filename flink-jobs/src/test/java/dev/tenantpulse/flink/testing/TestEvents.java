package dev.tenantpulse.flink.testing;

import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;

/** Small events for operator tests. */
public final class TestEvents {

  public static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  private TestEvents() {}

  public static TenantEvent activity(String tenant, String id, Instant at) {
    return TenantEvent.builder(EventType.ACTIVITY, id, tenant, at).build();
  }

  /** An activity event received at its own timestamp, from {@code partition}. */
  public static ReceivedEvent received(String tenant, String id, Instant at, int partition) {
    return new ReceivedEvent(activity(tenant, id, at), at.toEpochMilli(), partition, false);
  }

  public static Instant minutes(long m) {
    return T0.plusSeconds(60 * m);
  }
}
