package dev.tenantpulse.tenancy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTests {

  private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
  private final EventCodec codec = new EventCodec();

  @Test
  void writesContractFieldNamesInContractOrderAndOmitsAbsentFields() {
    TenantEvent event =
        TenantEvent.builder(EventType.TENANT_SIGNED_UP, "e1", "acme", T)
            .userId("u1")
            .plan("starter")
            .billingModel(BillingModel.PER_SEAT)
            .tenancyModel(TenancyModel.POOL)
            .seats(5)
            .properties("{\"source\": \"web\"}")
            .build();

    assertThat(codec.encodeToString(event))
        .isEqualTo(
            "{\"id\":\"e1\",\"type\":\"tenant_signed_up\",\"tenant_id\":\"acme\","
                + "\"timestamp\":\"2026-11-27T10:00:00Z\",\"user_id\":\"u1\",\"plan\":\"starter\","
                + "\"billing_model\":\"per_seat\",\"tenancy_model\":\"pool\",\"seats\":5,"
                + "\"properties\":{\"source\":\"web\"}}");
  }

  @Test
  void writesAMinimalEventWithTheFourRequiredFieldsOnly() {
    TenantEvent event = TenantEvent.builder(EventType.ACTIVITY, "e1", "acme", T).build();

    assertThat(new String(codec.encode(event), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T10:00:00Z\"}");
  }

  @Test
  void writesTimestampsInUtcWithTheirFullPrecision() {
    Instant withNanos = Instant.parse("2026-11-27T10:00:00.123456789Z");
    TenantEvent event = TenantEvent.builder(EventType.ACTIVITY, "e1", "acme", withNanos).build();

    assertThat(codec.encodeToString(event))
        .contains("\"timestamp\":\"2026-11-27T10:00:00.123456789Z\"");
    assertThat(codec.decode(codec.encode(event)).timestamp()).isEqualTo(withNanos);
  }

  static Stream<TenantEvent> awkwardEvents() {
    return Stream.of(
        usage(0.1),
        usage(1e-300),
        usage(Double.MIN_VALUE),
        usage(Double.MAX_VALUE),
        usage(123456789.123456789),
        TenantEvent.builder(EventType.ACTIVITY, "id \"quoted\" \\ ünï 😀", "acme", T)
            .properties(
                "{\"n\":1.10,\"e\":1e400,\"big\":123456789012345678901234567890,"
                    + "\"s\":\"line\\nbreak \\u0000 😀\",\"nested\":{\"a\":[true,false,null]}}")
            .build(),
        TenantEvent.builder(EventType.ACTIVITY, "e1", "acme", Instant.parse("1970-01-01T00:00:00Z"))
            .properties("{}")
            .build());
  }

  @ParameterizedTest
  @MethodSource("awkwardEvents")
  void decodesWhatItEncodedUnchanged(TenantEvent event) {
    assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    assertThat(codec.decode(codec.encodeToString(event))).isEqualTo(event);
  }

  @Test
  void decodesPlansTheCatalogDoesNotKnowForReplayedRecords() {
    String json =
        "{\"id\":\"e1\",\"type\":\"plan_changed\",\"tenant_id\":\"acme\","
            + "\"timestamp\":\"2020-01-01T00:00:00Z\",\"plan\":\"legacy_gold\"}";

    assertThat(codec.decode(json).plan()).isEqualTo("legacy_gold");
  }

  @Test
  void ignoresFieldsItDoesNotKnowSoNewerProducersDoNotStopOlderConsumers() {
    String json =
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\","
            + "\"timestamp\":\"2026-11-27T10:00:00Z\",\"region\":\"eu\",\"user_id\":null}";

    assertThat(codec.decode(json))
        .isEqualTo(TenantEvent.builder(EventType.ACTIVITY, "e1", "acme", T).build());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[]",
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T10:00:00Z\"} x",
        "{\"id\":\"e1\",\"type\":\"activity\",\"timestamp\":\"2026-11-27T10:00:00Z\"}",
        "{\"id\":\"e1\",\"type\":\"bogus\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T10:00:00Z\"}",
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27\"}",
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":7,\"timestamp\":\"2026-11-27T10:00:00Z\"}",
        "{\"id\":\"e1\",\"type\":\"usage\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T10:00:00Z\",\"meter\":\"m\"}",
        "{\"id\":\"e1\",\"type\":\"usage\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T10:00:00Z\",\"meter\":\"m\",\"quantity\":\"1\"}",
        "{\"id\":\"e1\",\"type\":\"usage\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T10:00:00Z\",\"meter\":\"m\",\"quantity\":-1}",
        "{\"id\":\"e1\",\"type\":\"usage\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T10:00:00Z\",\"meter\":\"m\",\"quantity\":1e400}",
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T10:00:00Z\",\"seats\":1.5}",
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T10:00:00Z\",\"properties\":[]}",
      })
  void refusesCorruptRecordsWithAClearException(String json) {
    assertThatThrownBy(() -> codec.decode(json))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageStartingWith("event record");
  }

  @Test
  void refusesToEncodeAnIncompleteEvent() {
    TenantEvent incomplete =
        new TenantEvent(
            "e1",
            EventType.USAGE,
            "acme",
            T,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    assertThatThrownBy(() -> codec.encode(incomplete))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot encode an event lacking [meter, quantity]");
  }

  private static TenantEvent usage(double quantity) {
    return TenantEvent.builder(EventType.USAGE, "e1", "acme", T)
        .meter("api_calls")
        .quantity(quantity)
        .build();
  }
}
