package dev.tenantpulse.flink.metrics;

import static dev.tenantpulse.flink.metrics.Events.activity;
import static dev.tenantpulse.flink.metrics.Events.at;
import static dev.tenantpulse.flink.metrics.Events.signup;
import static dev.tenantpulse.flink.metrics.Events.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.active.ActiveHourByPlanRow;
import dev.tenantpulse.flink.metrics.active.ActiveHourRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayRow;
import dev.tenantpulse.flink.tenant.TenantRow;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.junit.jupiter.api.Test;

/** Active tenants, usage and tenants rows through a real (mini) Flink job. */
class ActiveAndUsagePipelineTests {

  static final MetricOptions BOUNDED = MetricOptions.defaults().withBounded(true);

  static final List<TenantEvent> EVENTS =
      List.of(
          signup("a", "2025-03-03T10:00:00Z", "starter"),
          activity("a", "2025-03-03T10:10:00Z"),
          activity("b", "2025-03-03T11:30:00Z"),
          activity("e", "2025-03-03T12:20:00Z"),
          activity(
              "c",
              "2025-03-03T11:40:00Z"), // 40 min behind: within the lateness, after 12:00 closed
          activity("a", "2025-03-03T13:05:00Z"),
          activity("f", "2025-03-05T12:30:00Z"));

  @Test
  void streamingEmitsEveryHourAndReemitsAnHourALateEventChanges() throws Exception {
    PipelineRun.Tables t = PipelineRun.streaming(EVENTS, BOUNDED, Duration.ZERO);

    Map<Instant, ActiveHourRow> hours =
        t.latestBy("active_tenants_hourly", ActiveHourRow::windowEnd);
    assertThat(hours.keySet()).first().isEqualTo(at("2025-03-03T11:00:00Z"));
    assertThat(hours.keySet()).last().isEqualTo(at("2025-03-05T13:00:00Z"));
    assertThat(hours).hasSize(24 * 2 + 3);
    assertThat(hours.get(at("2025-03-03T11:00:00Z")).active24h()).isEqualTo(1);
    assertThat(hours.get(at("2025-03-03T12:00:00Z")).active24h()).isEqualTo(3);
    assertThat(hours.get(at("2025-03-03T13:00:00Z")).active24h()).isEqualTo(4);
    assertThat(hours.get(at("2025-03-04T13:00:00Z")).active24h()).isEqualTo(1); // a at 13:05
    assertThat(hours.get(at("2025-03-04T14:00:00Z")).active24h()).isZero();
    assertThat(hours.get(at("2025-03-05T12:00:00Z")).active24h()).isZero();
    assertThat(hours.get(at("2025-03-05T13:00:00Z")).active24h()).isEqualTo(1);

    List<ActiveHourRow> noon =
        t.<ActiveHourRow>all("active_tenants_hourly").stream()
            .filter(r -> r.windowEnd().equals(at("2025-03-03T12:00:00Z")))
            .toList();
    assertThat(noon).extracting(ActiveHourRow::active24h).containsExactly(2L, 3L);
    assertThat(noon.get(1).version()).isGreaterThan(noon.get(0).version());

    Map<List<Object>, ActiveHourByPlanRow> byPlan =
        t.latestBy("active_tenants_hourly_by_plan", r -> List.of(r.windowEnd(), r.plan()));
    assertThat(byPlan).hasSize(hours.size() * 4); // 3 catalog plans + unknown, zeros included
    assertThat(byPlan.get(List.of(at("2025-03-03T12:00:00Z"), "starter")).active24h()).isEqualTo(1);
    assertThat(byPlan.get(List.of(at("2025-03-03T12:00:00Z"), "unknown")).active24h()).isEqualTo(2);
  }

  @Test
  void usageIsSummedPerDayTenantAndMeterAndALateEventCorrectsAClosedDay() throws Exception {
    List<TenantEvent> events =
        List.of(
            usage("a", "2025-03-03T10:00:00Z", "api_calls", 1.5),
            usage("a", "2025-03-03T23:50:00Z", "api_calls", 2.0),
            usage("a", "2025-03-03T23:55:00Z", "storage_gb", 7.0),
            usage("b", "2025-03-03T12:00:00Z", "api_calls", 4.0),
            usage("a", "2025-03-04T00:20:00Z", "api_calls", 10.0), // closes 03-03
            usage("a", "2025-03-03T23:59:00Z", "api_calls", 0.25), // within lateness, day closed
            usage("a", "2025-03-04T02:00:00Z", "api_calls", 1.0));
    PipelineRun.Tables t = PipelineRun.streaming(events, BOUNDED, Duration.ZERO);

    Map<List<Object>, UsageDayRow> rows =
        t.latestBy("usage_daily", r -> List.of(r.tenantId(), r.day().toString(), r.meter()));
    assertThat(rows).hasSize(4);
    assertThat(rows.get(List.of("a", "2025-03-03", "api_calls")).quantity()).isEqualTo(3.75);
    assertThat(rows.get(List.of("a", "2025-03-03", "storage_gb")).quantity()).isEqualTo(7.0);
    assertThat(rows.get(List.of("b", "2025-03-03", "api_calls")).quantity()).isEqualTo(4.0);
    assertThat(rows.get(List.of("a", "2025-03-04", "api_calls")).quantity()).isEqualTo(11.0);

    List<UsageDayRow> corrected =
        t.<UsageDayRow>all("usage_daily").stream()
            .filter(
                r ->
                    r.tenantId().equals("a")
                        && r.day().equals(LocalDate.parse("2025-03-03"))
                        && r.meter().equals("api_calls"))
            .toList();
    assertThat(corrected).extracting(UsageDayRow::quantity).containsExactly(3.5, 3.75);
    assertThat(corrected.get(1).version()).isGreaterThan(corrected.get(0).version());
  }

  @Test
  void everyTenantWithAnEventHasATenantsRow() throws Exception {
    PipelineRun.Tables t = PipelineRun.streaming(EVENTS, BOUNDED, Duration.ZERO);
    Map<String, TenantRow> tenants = t.latestBy("tenants", TenantRow::tenantId);
    assertThat(tenants).containsOnlyKeys("a", "b", "c", "e", "f");
    assertThat(tenants.get("a").plan()).isEqualTo("starter");
    assertThat(tenants.get("a").signedUpAt()).isEqualTo(at("2025-03-03T10:00:00Z"));
    assertThat(tenants.get("b").plan()).isEqualTo("unknown");
  }

  @Test
  void batchModeAndParallelStreamingGiveTheSameFinalRowsAsStreaming() throws Exception {
    PipelineRun.Tables streaming = PipelineRun.streaming(EVENTS, BOUNDED, Duration.ZERO);
    PipelineRun.Tables parallel =
        PipelineRun.run(EVENTS, BOUNDED, RuntimeExecutionMode.STREAMING, Duration.ZERO, 3);
    PipelineRun.Tables batch = PipelineRun.batch(EVENTS, BOUNDED);
    // BATCH really ran as a batch: every fact was in before any hour closed, so no hour was
    // emitted twice, while STREAMING re-emitted the hour the late event changed.
    assertThat(batch.all("active_tenants_hourly"))
        .hasSameSizeAs(batch.latest("active_tenants_hourly"));
    assertThat(streaming.all("active_tenants_hourly"))
        .hasSizeGreaterThan(streaming.latest("active_tenants_hourly").size());
    for (String table : streaming.emitted().keySet()) {
      assertThat(RowValues.of(batch.latest(table)))
          .as(table)
          .isEqualTo(RowValues.of(streaming.latest(table)));
      assertThat(RowValues.of(parallel.latest(table)))
          .as(table)
          .isEqualTo(RowValues.of(streaming.latest(table)));
    }
  }
}
