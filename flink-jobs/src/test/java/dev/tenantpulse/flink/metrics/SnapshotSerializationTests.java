package dev.tenantpulse.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.active.ActiveHourByPlanRow;
import dev.tenantpulse.flink.metrics.active.ActiveHours;
import dev.tenantpulse.flink.metrics.adoption.FeatureAdoption;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohortRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohorts;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingProgress;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingStatus;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingTenantRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayRow;
import dev.tenantpulse.flink.metrics.usage.UsageKey;
import dev.tenantpulse.flink.metrics.usage.UsageSum;
import dev.tenantpulse.flink.tenant.LifecycleEntry;
import dev.tenantpulse.flink.tenant.TenantRow;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every record the pipelines put in state or on the wire is a Flink POJO type (no Kryo) and
 * survives a serializer round trip: what a checkpoint and a restore do to it.
 */
class SnapshotSerializationTests {

  static final long HOUR = 3_600_000L;
  static final long T0 = Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();

  static <T> T roundTrip(Class<T> type, T value) throws Exception {
    TypeInformation<T> info = RowTypes.of(type);
    assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false);
    TypeSerializer<T> serializer = info.createSerializer(config);
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  @Test
  void stateAndRowRecordsAreFlinkPojosWithoutKryo() throws Exception {
    LifecycleEntry entry = new LifecycleEntry(EventType.TENANT_SIGNED_UP, T0, "pro", null, null, 3);
    assertThat(roundTrip(LifecycleEntry.class, entry)).isEqualTo(entry);
    OnboardingProgress progress =
        OnboardingProgress.empty().withSignup(T0, "pro").withStep("completed", T0 + 5);
    assertThat(roundTrip(OnboardingProgress.class, progress)).isEqualTo(progress);
    OnboardingTenantRow tenantRow = progress.row("a", "completed", "first_value", 9);
    assertThat(roundTrip(OnboardingTenantRow.class, tenantRow)).isEqualTo(tenantRow);
    UsageDayRow usage =
        new UsageDayRow(UtcTime.day(T0), "a", "api_calls", 2.5, Instant.ofEpochMilli(4), 4);
    assertThat(roundTrip(UsageDayRow.class, usage)).isEqualTo(usage);
    assertThat(roundTrip(UsageKey.class, new UsageKey(T0, "m"))).isEqualTo(new UsageKey(T0, "m"));
    assertThat(roundTrip(UsageSum.class, new UsageSum(1.5, 3))).isEqualTo(new UsageSum(1.5, 3));
    TenantRow tenant =
        new TenantRow(
            "a", "pro", "flat", null, 3, Instant.ofEpochMilli(T0), null, null, Instant.EPOCH, 1);
    assertThat(roundTrip(TenantRow.class, tenant)).isEqualTo(tenant);
    TenantFact fact = TenantFact.onboarding("a", new OnboardingStatus(T0, 5L, null));
    assertThat(roundTrip(TenantFact.class, fact)).isEqualTo(fact);
    assertThat(roundTrip(ActivityMarks.class, ActivityMarks.NONE.with(T0)))
        .isEqualTo(ActivityMarks.NONE.with(T0));
  }

  @Test
  void aRestoredActiveHoursSnapshotContinuesLikeTheOriginal() throws Exception {
    List<String> plans = CatalogView.of(PlanCatalog.defaultCatalog()).plansWithUnknown();
    ActiveHours original = new ActiveHours(plans, HOUR, HOUR, EmitRange.ALL);
    List<Object> rows = new ArrayList<>();
    ActiveHours.Output out =
        new ActiveHours.Output() {
          @Override
          public void overall(dev.tenantpulse.flink.metrics.active.ActiveHourRow row) {
            rows.add(row);
          }

          @Override
          public void byPlan(ActiveHourByPlanRow row) {
            rows.add(row);
          }
        };
    original.onLifecycle(
        "a",
        new LifecycleEntry(EventType.TENANT_SIGNED_UP, T0, "starter", null, null, null),
        1,
        out);
    original.onActive("a", T0, 1, out);
    original.onActive("b", T0 + HOUR, 1, out);
    original.closeUpTo(T0 + 3 * HOUR, Long.MAX_VALUE, 2, out);

    ActiveHours restored = new ActiveHours(plans, HOUR, HOUR, EmitRange.ALL);
    restored.restore(roundTrip(ActiveHours.Snapshot.class, original.snapshot()));
    List<Object> fromOriginal = new ArrayList<>();
    List<Object> fromRestored = new ArrayList<>();
    for (ActiveHours h : List.of(original, restored)) {
      List<Object> sink = h == original ? fromOriginal : fromRestored;
      ActiveHours.Output o =
          new ActiveHours.Output() {
            @Override
            public void overall(dev.tenantpulse.flink.metrics.active.ActiveHourRow row) {
              sink.add(row);
            }

            @Override
            public void byPlan(ActiveHourByPlanRow row) {
              sink.add(row);
            }
          };
      h.onActive("c", T0 + 2 * HOUR, 3, o);
      h.onActive("a", T0 + 30 * HOUR, 3, o);
      h.closeUpTo(T0 + 31 * HOUR, Long.MAX_VALUE, 3, o);
    }
    assertThat(fromRestored).isEqualTo(fromOriginal).isNotEmpty();
  }

  @Test
  void adoptionAndCohortSnapshotsRoundTrip() throws Exception {
    CatalogView catalog = CatalogView.of(PlanCatalog.defaultCatalog());
    FeatureAdoption adoption = new FeatureAdoption(catalog, HOUR, HOUR, EmitRange.ALL);
    adoption.onLifecycle(
        "a",
        new LifecycleEntry(EventType.TENANT_SIGNED_UP, T0, "starter", null, null, null),
        1,
        r -> {});
    adoption.onFeatureDay("a", T0, "sso", 1, r -> {});
    adoption.onActiveHour(T0 + 30 * HOUR, 1, r -> {});
    adoption.closeUpTo(T0 + 30 * HOUR, Long.MAX_VALUE, 1, r -> {});
    FeatureAdoption.Snapshot snapshot = adoption.snapshot();
    FeatureAdoption.Snapshot copy = roundTrip(FeatureAdoption.Snapshot.class, snapshot);
    assertThat(copy.usersByDay()).isEqualTo(snapshot.usersByDay());
    assertThat(copy.emitted()).isEqualTo(snapshot.emitted());
    assertThat(copy.lastClosed()).isEqualTo(T0);

    OnboardingCohorts cohorts = new OnboardingCohorts(EmitRange.ALL);
    cohorts.onStatus("a", new OnboardingStatus(T0, 60L, -5L));
    List<OnboardingCohortRow> rows = new ArrayList<>();
    cohorts.flush(7, rows::add);
    cohorts.onStatus("b", new OnboardingStatus(T0 + 1, null, null));
    OnboardingCohorts.Snapshot snap =
        roundTrip(OnboardingCohorts.Snapshot.class, cohorts.snapshot());
    assertThat(snap.byTenant())
        .isEqualTo(
            Map.of(
                "a",
                new OnboardingStatus(T0, 60L, -5L),
                "b",
                new OnboardingStatus(T0 + 1, null, null)));
    assertThat(snap.emitted()).isEqualTo(rows);
    OnboardingCohorts restored = new OnboardingCohorts(EmitRange.ALL);
    restored.restore(snap);
    restored.flush(7, rows::add); // the pending change survives: b joins the cohort
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).signups()).isEqualTo(2);
    assertThat(rows.get(1).version()).isGreaterThan(rows.get(0).version());
  }
}
