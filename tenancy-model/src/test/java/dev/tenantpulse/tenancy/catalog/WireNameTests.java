package dev.tenantpulse.tenancy.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireNameTests {

  @Test
  void namesBillingAndTenancyModelsAsTheContractDoes() {
    assertThat(BillingModel.wireNames()).containsExactly("flat", "per_seat", "usage");
    assertThat(TenancyModel.wireNames()).containsExactly("silo", "pool", "bridge");
  }

  @ParameterizedTest
  @EnumSource(BillingModel.class)
  void findsEveryBillingModelByItsWireName(BillingModel model) {
    assertThat(BillingModel.fromWire(model.wireName())).contains(model);
  }

  @ParameterizedTest
  @EnumSource(TenancyModel.class)
  void findsEveryTenancyModelByItsWireName(TenancyModel model) {
    assertThat(TenancyModel.fromWire(model.wireName())).contains(model);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "FLAT", "PER_SEAT", "per-seat", "yearly", "Pool", "hybrid"})
  void findsNoModelForOtherNames(String name) {
    assertThat(BillingModel.fromWire(name)).isEmpty();
    assertThat(TenancyModel.fromWire(name)).isEmpty();
  }
}
