package dev.tenantpulse.collector.entitlements;

import static dev.tenantpulse.collector.support.PlanEvents.planChanged;
import static dev.tenantpulse.collector.support.PlanEvents.signedUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@CollectorTest
class EntitlementsApiTests extends CollectorTestBase {

  private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
  private final String tenant = "ent-" + UUID.randomUUID().toString().substring(0, 8);

  private HttpResponse<String> entitlement(String key, String tenantId, String feature) {
    return get(
        "/v1/tenants/" + tenantId + "/entitlements/" + feature,
        key == null ? null : "Bearer " + key);
  }

  private void accepted(String event) {
    HttpResponse<String> response = postEvents(SERVER_KEY, batch(event));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).get("accepted").asInt()).isEqualTo(1);
  }

  private static void assertAnswer(HttpResponse<String> response, int status, String json) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(json(response)).isEqualTo(JSON.readTree(json));
  }

  @Test
  void aTenantWithoutPlanEventsIsOnPlanUnknownAndIsToldTheCheapestPlanWithTheFeature() {
    assertAnswer(
        entitlement(SERVER_KEY, tenant, "sso"),
        402,
        """
        {"allowed": false, "error": "This feature requires the Professional plan or higher",
         "upgradeUrl": "/settings/billing", "requiredPlan": "professional",
         "plan": "unknown", "feature": "sso"}""");
  }

  @Test
  void theAnswerFollowsPlanEventsAndAnOlderEventArrivingLaterDoesNotRollItBack() {
    accepted(signedUp(tenant + "-1", tenant, "starter", now.minusHours(3)));
    assertAnswer(
        entitlement(SERVER_KEY, tenant, "sso"),
        402,
        """
        {"allowed": false, "error": "This feature requires the Professional plan or higher",
         "upgradeUrl": "/settings/billing", "requiredPlan": "professional",
         "plan": "starter", "feature": "sso"}""");

    accepted(planChanged(tenant + "-2", tenant, "professional", now.minusHours(1)));
    assertAnswer(
        entitlement(SERVER_KEY, tenant, "sso"),
        200,
        """
        {"allowed": true, "plan": "professional", "feature": "sso"}""");

    accepted(planChanged(tenant + "-3", tenant, "starter", now.minusHours(2)));
    assertAnswer(
        entitlement(SERVER_KEY, tenant, "sso"),
        200,
        """
        {"allowed": true, "plan": "professional", "feature": "sso"}""");
    assertThat(json(entitlement(SERVER_KEY, tenant, "audit_logs")).get("requiredPlan").asString())
        .isEqualTo("enterprise");
  }

  @Test
  void theAnswerMayNotBeCached() {
    assertThat(entitlement(SERVER_KEY, tenant, "sso").headers().firstValue("Cache-Control"))
        .contains("no-store");
  }

  @Test
  void aClientKeyMayAskAboutItsOwnTenantOnly() {
    assertThat(entitlement(ACME_KEY, "acme", "api_access").statusCode()).isIn(200, 402);
    HttpResponse<String> other = entitlement(ACME_KEY, "globex", "api_access");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(json(other).get("detail").asString()).contains("may not read tenant globex");
  }

  @Test
  void anUnknownFeatureGets404ListingTheCatalogFeatures() {
    HttpResponse<String> response = entitlement(SERVER_KEY, tenant, "teleportation");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("code").asString()).isEqualTo("unknown_feature");
    assertThat(json(response).get("features").toString()).contains("\"sso\"", "\"audit_logs\"");
  }

  @Test
  void requiresAValidApiKeyAndTenantId() {
    assertThat(entitlement(null, tenant, "sso").statusCode()).isEqualTo(401);
    assertThat(entitlement("not-a-key", tenant, "sso").statusCode()).isEqualTo(401);
    HttpResponse<String> badTenant = entitlement(SERVER_KEY, "-bad", "sso");
    assertThat(badTenant.statusCode()).isEqualTo(400);
    assertThat(json(badTenant).get("code").asString()).isEqualTo("invalid_tenant_id");
  }
}
