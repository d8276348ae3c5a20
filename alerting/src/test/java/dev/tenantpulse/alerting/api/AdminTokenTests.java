package dev.tenantpulse.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.alerting.AlertingProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The API's guard: disabled without a token, 401 without the right one. */
class AdminTokenTests {

  private static AdminToken guard(String token) {
    return new AdminToken(
        new AlertingProperties(
            token,
            "rules.yaml",
            Duration.ZERO,
            "AUTO",
            null,
            null,
            Duration.ofDays(30),
            Duration.ofDays(2),
            "alerts@example.com",
            null));
  }

  private static boolean call(AdminToken guard, String authorization) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/rules");
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    return guard.preHandle(request, new MockHttpServletResponse(), new Object());
  }

  @Test
  void anEmptyTokenDisablesTheApiSayingHowToEnableIt() {
    assertThatThrownBy(() -> call(guard(""), "Bearer anything"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
              assertThat(e.code()).isEqualTo("api_disabled");
              assertThat(e.getMessage()).contains("tenant-pulse.alerting.admin-token");
            });
  }

  @Test
  void onlyTheRightBearerTokenPasses() {
    AdminToken guard = guard("s3cret-admin-token-0123");
    assertThat(call(guard, "Bearer s3cret-admin-token-0123")).isTrue();
    assertThat(call(guard, "bearer s3cret-admin-token-0123")).isTrue();
    for (String wrong :
        new String[] {null, "s3cret-admin-token-0123", "Bearer s3cret", "Basic x"}) {
      assertThatThrownBy(() -> call(guard, wrong))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED));
    }
  }
}
