package dev.tenantpulse.tenancy.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BillingMeterTests {

  @Test
  void defaultCatalogExportsApiCallsInWholeCallsAndStorageInThousandths() {
    PlanCatalog catalog = PlanCatalog.defaultCatalog();

    assertThat(catalog.billingMeter("api_calls"))
        .contains(new BillingMeter("api_calls", "api_calls", BigDecimal.ONE));
    assertThat(catalog.billingMeter("storage_gb").orElseThrow().unit())
        .isEqualByComparingTo("0.001");
    assertThat(catalog.billingMeter("exports")).isEmpty();
  }

  @Test
  void wholeUnitsRoundDownSoTheRemainderIsCarried() {
    BillingMeter storage = new BillingMeter("storage_gb", "storage", new BigDecimal("0.001"));

    assertThat(storage.wholeUnits(new BigDecimal("1.2345"))).isEqualTo(1234);
    assertThat(storage.wholeUnits(new BigDecimal("-0.0005"))).isEqualTo(-1);
    // Running totals 0.0006, 0.0012, 0.0018 send 0, 1, 0 units: 1 unit for 0.0018 measured.
    assertThat(storage.wholeUnits(new BigDecimal("0.0018"))).isEqualTo(1);
  }

  @Test
  void refusesAZeroUnitAndAnEventNameStripeWouldRefuse() {
    assertThatThrownBy(() -> new BillingMeter("api_calls", "api_calls", BigDecimal.ZERO))
        .hasMessageContaining("unit of meter api_calls must be greater than 0");
    assertThatThrownBy(() -> new BillingMeter("api_calls", "api calls", BigDecimal.ONE))
        .hasMessageContaining("stripe_event_name of meter api_calls must match");
  }

  @Test
  void refusesACatalogExportingOneMeterTwice() throws IOException {
    String json;
    try (InputStream in = PlanCatalog.class.getResourceAsStream(PlanCatalog.DEFAULT_RESOURCE)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String twice =
        json.replace(
            "\"billing_meters\": [",
            "\"billing_meters\": [ { \"meter\": \"api_calls\", \"stripe_event_name\": \"calls2\" },");

    assertThatThrownBy(
            () ->
                PlanCatalog.load(
                    new ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8)), "twice"))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("meter api_calls is listed twice");
  }
}
