package dev.tenantpulse.flink.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.TenantFact;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingStatus;
import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.flink.tenant.LifecycleEntry;
import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The hand-written serializers of the records that cross the job's shuffles give back every
 * generated record equal to the one written: each optional field present or absent, non-ASCII and
 * long texts (a 32 KiB properties object of three-byte characters), the edges of the timestamp.
 */
class CompactSerializerTests {

  private static final String[] TEXTS = {"", "acme", "ß→ü", "日本語", "a\u0000b", "x".repeat(300)};

  @Test
  void everyGeneratedEventAndReceivedEventComesBackEqualInOneStream() throws IOException {
    Random random = new Random(20261206L);
    List<ReceivedEvent> written = new ArrayList<>();
    DataOutputSerializer out = new DataOutputSerializer(1024);
    for (int i = 0; i < 2_000; i++) {
      ReceivedEvent r =
          new ReceivedEvent(
              event(random),
              random.nextLong(),
              random.nextInt(64) - 1,
              random.nextBoolean() ? -1 : random.nextLong(Long.MAX_VALUE),
              random.nextBoolean());
      written.add(r);
      ReceivedEventSerializer.INSTANCE.serialize(r, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (ReceivedEvent r : written) {
      assertThat(ReceivedEventSerializer.INSTANCE.deserialize(in)).isEqualTo(r);
    }
    assertThat(in.available()).isZero();
  }

  @Test
  void everyGeneratedFactComesBackEqualInOneStream() throws IOException {
    Random random = new Random(20261207L);
    List<TenantFact> written = new ArrayList<>();
    DataOutputSerializer out = new DataOutputSerializer(1024);
    for (int i = 0; i < 5_000; i++) {
      TenantFact f = fact(random);
      written.add(f);
      TenantFactSerializer.INSTANCE.serialize(f, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (TenantFact f : written) {
      assertThat(TenantFactSerializer.INSTANCE.deserialize(in)).isEqualTo(f);
    }
    assertThat(in.available()).isZero();
    assertThat(CompactTypeInfo.TENANT_FACT.createSerializer(new SerializerConfigImpl()))
        .isSameAs(TenantFactSerializer.INSTANCE);
    assertThat(TenantFactSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
        .isSameAs(TenantFactSerializer.INSTANCE);
  }

  @Test
  void copyingBetweenViewsKeepsTheBytes() throws IOException {
    TenantEvent e = event(new Random(7));
    DataOutputSerializer first = new DataOutputSerializer(64);
    TenantEventSerializer.INSTANCE.serialize(e, first);
    DataOutputSerializer second = new DataOutputSerializer(64);
    TenantEventSerializer.INSTANCE.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);
    assertThat(second.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
  }

  @Test
  void theTypeInformationHandsOutTheSerializerAndItsSnapshotRestoresIt() {
    assertThat(CompactTypeInfo.TENANT_EVENT.createSerializer(new SerializerConfigImpl()))
        .isSameAs(TenantEventSerializer.INSTANCE);
    TypeSerializerSnapshot<ReceivedEvent> snapshot =
        ReceivedEventSerializer.INSTANCE.snapshotConfiguration();
    assertThat(snapshot.restoreSerializer()).isSameAs(ReceivedEventSerializer.INSTANCE);
  }

  private static TenantEvent event(Random r) {
    EventType[] types = EventType.values();
    return new TenantEvent(
        text(r) + r.nextInt(),
        types[r.nextInt(types.length)],
        "tenant-" + text(r),
        Instant.ofEpochSecond(r.nextLong(0, 10_413_792_000L), r.nextInt(1_000_000_000)),
        r.nextBoolean() ? null : text(r),
        r.nextBoolean() ? null : text(r),
        r.nextBoolean() ? null : text(r),
        r.nextBoolean() ? null : text(r),
        r.nextBoolean() ? null : r.nextDouble() * 1e9,
        r.nextBoolean() ? null : text(r),
        r.nextBoolean() ? null : BillingModel.values()[r.nextInt(BillingModel.values().length)],
        r.nextBoolean() ? null : TenancyModel.values()[r.nextInt(TenancyModel.values().length)],
        r.nextBoolean() ? null : r.nextInt(Integer.MAX_VALUE),
        r.nextInt(10) == 0
            ? "{\"k\":\"" + "語".repeat(32 * 1024 / 3) + "\"}"
            : r.nextBoolean() ? null : "{\"k\":\"" + text(r) + "\"}",
        r.nextBoolean() ? null : "cus_" + Integer.toString(r.nextInt(Integer.MAX_VALUE), 36));
  }

  /** Any combination of parts, not only the ones a kind carries: the layout must not assume. */
  private static TenantFact fact(Random r) {
    TenantFact.Kind[] kinds = TenantFact.Kind.values();
    EventType[] types = EventType.values();
    LifecycleEntry entry =
        r.nextBoolean()
            ? null
            : new LifecycleEntry(
                r.nextInt(5) == 0 ? null : types[r.nextInt(types.length)],
                r.nextLong(),
                r.nextBoolean() ? null : text(r),
                r.nextBoolean()
                    ? null
                    : BillingModel.values()[r.nextInt(BillingModel.values().length)],
                r.nextBoolean()
                    ? null
                    : TenancyModel.values()[r.nextInt(TenancyModel.values().length)],
                r.nextBoolean() ? null : r.nextInt());
    OnboardingStatus onboarding =
        r.nextBoolean()
            ? null
            : new OnboardingStatus(
                r.nextLong(),
                r.nextBoolean() ? null : r.nextLong(),
                r.nextBoolean() ? null : r.nextLong());
    return new TenantFact(
        kinds[r.nextInt(kinds.length)],
        "tenant-" + text(r),
        r.nextLong(),
        r.nextBoolean() ? null : text(r),
        entry,
        onboarding);
  }

  private static String text(Random r) {
    return TEXTS[r.nextInt(TEXTS.length)];
  }
}
