package dev.tenantpulse.flink.metrics.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OnboardingProgressTests {

  static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void theEarliestSignupAndTheEarliestStepsCountWhateverTheArrivalOrder() {
    OnboardingProgress p =
        OnboardingProgress.empty()
            .withStep("completed", t("2025-03-05T10:00:00.999Z"))
            .withSignup(t("2025-03-04T10:00:00Z"), "pro")
            .withSignup(t("2025-03-02T09:00:00Z"), "starter") // earlier, arrived later
            .withStep("completed", t("2025-03-06T10:00:00Z"))
            .withStep("first_value", t("2025-03-01T09:00:00Z")); // before the signup
    OnboardingTenantRow row = p.row("acme", "completed", "first_value", 7);
    assertThat(row.signedUpAt()).isEqualTo(Instant.parse("2025-03-02T09:00:00Z"));
    assertThat(row.signupPlan()).isEqualTo("starter");
    assertThat(row.cohortWeek()).isEqualTo(LocalDate.parse("2025-02-24")); // Sunday's Monday
    assertThat(row.completionSeconds()).isEqualTo(3 * 86_400 + 3_600); // .999 rounds down
    assertThat(row.completionNegative()).isFalse();
    assertThat(row.firstValueSeconds()).isEqualTo(-86_400);
    assertThat(row.firstValueNegative()).isTrue();
    assertThat(row.stepFirstAt()).containsOnlyKeys("completed", "first_value");
  }

  @Test
  void negativeDurationsRoundTowardsThePast() {
    OnboardingProgress p =
        OnboardingProgress.empty()
            .withSignup(t("2025-03-04T10:00:00Z"), "pro")
            .withStep("completed", t("2025-03-04T09:59:59.500Z"));
    assertThat(p.status("completed", "first_value").completionSeconds()).isEqualTo(-1);
    assertThat(p.status("completed", "first_value").valueSeconds()).isNull();
  }
}
