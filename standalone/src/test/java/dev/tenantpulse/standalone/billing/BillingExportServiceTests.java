package dev.tenantpulse.standalone.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.lifecycle.Service;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BillingExportServiceTests {

  @Test
  void staysOffAndSaysHowToTurnItOnUnlessTheEnvironmentEnablesIt() throws Exception {
    BillingExportService service =
        new BillingExportService(
            "127.0.0.1", 0, null, null, "token", Path.of("users.json"), Map.of());

    Service.Started started = service.start();

    assertThat(started.skipped()).isTrue();
    assertThat(started.where())
        .contains("TENANT_PULSE_BILLING_ENABLED=true")
        .contains("STRIPE_SECRET_KEY");
    assertThat(service.running()).isFalse();
  }

  @Test
  void isOnOnlyForAnExplicitTrue() {
    assertThat(BillingExportService.enabledIn(Map.of("TENANT_PULSE_BILLING_ENABLED", "true")))
        .isTrue();
    assertThat(BillingExportService.enabledIn(Map.of("TENANT_PULSE_BILLING_ENABLED", "1")))
        .isFalse();
    assertThat(BillingExportService.enabledIn(Map.of("STRIPE_SECRET_KEY", "sk_test_x"))).isFalse();
  }

  @Test
  void findsTheBillingApplicationOnTheRuntimesClassPath() throws Exception {
    assertThat(Class.forName(BillingExportService.APPLICATION_CLASS)).isNotNull();
  }
}
