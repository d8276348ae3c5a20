package dev.tenantpulse.flink.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.sink.ClickHouseOptions;
import dev.tenantpulse.flink.sink.ClickHouseSinkTestAccess;
import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.flink.testing.TestEvents;
import dev.tenantpulse.flink.testing.TestWarehouse;
import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsTableWriterTests {

  @Test
  void writesEveryContractFieldAndTheLateFlag() throws Exception {
    String db = TestWarehouse.migratedDatabase("events_writer");
    Instant at = Instant.parse("2026-01-05T10:15:30.123Z");
    TenantEvent signup =
        TenantEvent.builder(EventType.TENANT_SIGNED_UP, "e-1", "acme", at)
            .userId("u-7")
            .plan("professional")
            .billingModel(BillingModel.PER_SEAT)
            .tenancyModel(TenancyModel.POOL)
            .seats(12)
            .properties("{\"source\":\"ad\",\"n\":1.50}")
            .build();
    TenantEvent usage =
        TenantEvent.builder(EventType.USAGE, "e-2", "acme", at.plusSeconds(1))
            .meter("api_calls")
            .quantity(2.5)
            .build();
    long receivedAt = at.plusSeconds(5).toEpochMilli();

    ClickHouseSinkTestAccess.writeAll(
        ClickHouseOptions.of(TestWarehouse.url(), db),
        new EventsTableWriter(),
        List.of(
            new ReceivedEvent(signup, receivedAt, 0, false),
            new ReceivedEvent(usage, receivedAt, 0, true),
            new ReceivedEvent(TestEvents.activity("acme", "e-3", at), receivedAt, 0, false)));

    List<List<Object>> rows =
        TestWarehouse.rows(
            "SELECT event_id, type, toString(event_time), toString(received_at), user_id, plan,"
                + " billing_model, tenancy_model, seats, properties, meter, quantity, late, version"
                + " FROM "
                + db
                + ".events FINAL ORDER BY event_id");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0))
        .containsExactly(
            "e-1",
            "tenant_signed_up",
            "2026-01-05 10:15:30.123",
            "2026-01-05 10:15:35.123",
            "u-7",
            "professional",
            "per_seat",
            "pool",
            12L,
            "{\"source\":\"ad\",\"n\":1.50}",
            null,
            null,
            (short) 0,
            java.math.BigInteger.valueOf(receivedAt));
    assertThat(rows.get(1).subList(10, 13)).containsExactly("api_calls", 2.5, (short) 1);
    assertThat(rows.get(2).get(9)).isEqualTo("{}");
  }
}
