package dev.tenantpulse.collector.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.AdminClient;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@CollectorTest
@TestPropertySource(properties = "tenant-pulse.collector.admin-token=")
class AdminApiDisabledTests extends CollectorTestBase {

  private final AdminClient admin = new AdminClient(() -> port);

  @Test
  void anEmptyAdminTokenDisablesTheAdminApiAndSaysHow() {
    for (String token : new String[] {"", "Bearer x", "Bearer test-admin-token"}) {
      HttpResponse<String> response =
          admin.send("POST", "/admin/keys", token.isEmpty() ? null : token, "{\"name\":\"x\"}");
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).get("code").asString()).isEqualTo("admin_api_disabled");
      assertThat(json(response).get("detail").asString())
          .contains("tenant-pulse.collector.admin-token");
    }
    assertThat(admin.send("GET", "/admin/keys", "Bearer x", null).statusCode()).isEqualTo(404);
  }

  @Test
  void seedKeysStillWorkWithoutTheAdminApi() {
    assertThat(postEvents(SERVER_KEY, batch(activity("disabled-admin-1", "acme"))).statusCode())
        .isEqualTo(200);
  }
}
