package dev.tenantpulse.tenancy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TenantEventTests {

  private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void builderRefusesAnEventLackingAFieldItsTypeNeeds() {
    assertThatThrownBy(() -> TenantEvent.builder(EventType.FEATURE_USED, "e1", "acme", T).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feature_used event lacks [feature]");
    assertThatThrownBy(() -> TenantEvent.builder(EventType.USAGE, "e1", "acme", T).build())
        .hasMessage("usage event lacks [meter, quantity]");
    assertThatThrownBy(() -> TenantEvent.builder(EventType.PLAN_CHANGED, "e1", null, T).build())
        .hasMessage("plan_changed event lacks [tenant_id, plan]");
  }

  @Test
  void refusesQuantitiesThatCannotBeSummed() {
    assertThatThrownBy(() -> usage(-1.0)).hasMessageContaining("quantity must be finite and >= 0");
    assertThatThrownBy(() -> usage(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> usage(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void normalisesNegativeZeroQuantitySoItRoundTrips() {
    assertThat(usage(-0.0).quantity()).isEqualTo(0.0);
    assertThat(usage(-0.0)).isEqualTo(usage(0.0));
  }

  @Test
  void refusesNegativeSeats() {
    assertThatThrownBy(
            () ->
                TenantEvent.builder(EventType.TENANT_SIGNED_UP, "e1", "acme", T)
                    .plan("starter")
                    .seats(-1)
                    .build())
        .hasMessage("seats must be >= 0, got -1");
  }

  @Test
  void acceptsAnAllNullRecordAsFlinksSerializerMayCreateOne() {
    TenantEvent empty =
        new TenantEvent(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null);

    assertThat(empty.missingFields()).containsExactly("id", "type", "tenant_id", "timestamp");
  }

  @Test
  void storesPropertiesInCanonicalCompactForm() {
    TenantEvent event =
        TenantEvent.builder(EventType.ACTIVITY, "e1", "acme", T)
            .properties("{ \"page\" : \"/home\",\n \"n\": [1, 2.50, null] }")
            .build();

    assertThat(event.properties()).isEqualTo("{\"page\":\"/home\",\"n\":[1,2.50,null]}");
  }

  @Test
  void builderRefusesPropertiesThatAreNotOneJsonObject() {
    TenantEvent.Builder builder = TenantEvent.builder(EventType.ACTIVITY, "e1", "acme", T);

    assertThatThrownBy(() -> builder.properties("[1]"))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> builder.properties("{\"a\":")).hasMessageContaining("not valid JSON");
  }

  @Test
  void toBuilderCopiesEveryField() {
    TenantEvent event =
        TenantEvent.builder(EventType.TENANT_SIGNED_UP, "e1", "acme", T)
            .userId("u1")
            .feature("sso")
            .step("completed")
            .meter("api_calls")
            .quantity(2.5)
            .plan("starter")
            .billingModel(BillingModel.PER_SEAT)
            .tenancyModel(TenancyModel.BRIDGE)
            .seats(3)
            .properties("{\"a\":1}")
            .build();

    assertThat(event.toBuilder().build()).isEqualTo(event);
  }

  private static TenantEvent usage(double quantity) {
    return TenantEvent.builder(EventType.USAGE, "e1", "acme", T)
        .meter("api_calls")
        .quantity(quantity)
        .build();
  }
}
