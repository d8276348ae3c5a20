package dev.tenantpulse.collector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.collector.client.ApiClient;
import dev.tenantpulse.collector.client.ApiException;
import dev.tenantpulse.collector.client.api.AdminApi;
import dev.tenantpulse.collector.client.api.EntitlementsApi;
import dev.tenantpulse.collector.client.api.IngestionApi;
import dev.tenantpulse.collector.client.model.CatalogFeature;
import dev.tenantpulse.collector.client.model.CreatedKey;
import dev.tenantpulse.collector.client.model.EntitlementAnswer;
import dev.tenantpulse.collector.client.model.Event;
import dev.tenantpulse.collector.client.model.EventBatch;
import dev.tenantpulse.collector.client.model.EventType;
import dev.tenantpulse.collector.client.model.IngestResult;
import dev.tenantpulse.collector.client.model.NewKeyRequest;
import dev.tenantpulse.collector.client.model.Plan;
import dev.tenantpulse.collector.support.AdminClient;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Java client that openapi-generator builds from the description (native library, at
 * generate-test-sources; test scope only) works against the running collector, as a team generating
 * its client from {@code /openapi.yaml} would use it.
 */
@CollectorTest
class GeneratedClientTests extends CollectorTestBase {

  private final String tenant = "gen-" + UUID.randomUUID().toString().substring(0, 8);
  private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);

  private ApiClient client(String bearer) {
    return new ApiClient()
        .setHost("127.0.0.1")
        .setPort(port)
        .setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
  }

  private static Event event(String tenant, EventType type, OffsetDateTime at) {
    return new Event().id(UUID.randomUUID().toString()).type(type).tenantId(tenant).timestamp(at);
  }

  @Test
  void sendsANativeBatchAndIsToldWhatWasAcceptedAndWhy() throws ApiException {
    EventBatch batch =
        new EventBatch()
            .events(
                List.of(
                    event(tenant, EventType.ACTIVITY, now).userId("u-1"),
                    event(tenant, EventType.FEATURE_USED, now).feature("sso"),
                    event(tenant, EventType.USAGE, now).meter("api_calls")));

    IngestResult result = new IngestionApi(client(SERVER_KEY)).postEvents(batch, null);

    assertThat(result.getAccepted()).isEqualTo(2);
    assertThat(result.getRejected())
        .singleElement()
        .satisfies(
            rejection -> {
              assertThat(rejection.getIndex()).isEqualTo(2);
              assertThat(rejection.getFields()).contains("quantity");
            });
  }

  @Test
  void checksAnEntitlementOnTheTenantsCurrentPlan() throws ApiException {
    IngestionApi ingestion = new IngestionApi(client(SERVER_KEY));
    EventBatch signup =
        new EventBatch()
            .events(
                List.of(event(tenant, EventType.TENANT_SIGNED_UP, now).plan(Plan.PROFESSIONAL)));
    assertThat(ingestion.postEvents(signup, null).getAccepted()).isEqualTo(1);
    EntitlementsApi entitlements = new EntitlementsApi(client(SERVER_KEY));

    EntitlementAnswer sso = entitlements.checkEntitlement(tenant, CatalogFeature.SSO);

    assertThat(sso.getAllowed()).isTrue();
    assertThat(sso.getPlan()).isEqualTo("professional");
    // Not on the plan: 402, which the client raises with the described answer as its body.
    assertThatThrownBy(() -> entitlements.checkEntitlement(tenant, CatalogFeature.AUDIT_LOGS))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(402);
              assertThat(JSON.readTree(e.getResponseBody()).get("requiredPlan").asString())
                  .isEqualTo("enterprise");
            });
  }

  @Test
  void createsAClientKeyThatThenSendsItsTenantsEvents() throws ApiException {
    CreatedKey created =
        new AdminApi(client(AdminClient.TOKEN))
            .createKey(new NewKeyRequest().name("generated client").tenantId(tenant));

    assertThat(created.getScope()).isEqualTo(CreatedKey.ScopeEnum.CLIENT);
    assertThat(created.getTenantId()).isEqualTo(tenant);
    assertThat(created.getKey()).startsWith("tp_" + created.getId() + "_");
    IngestResult sent =
        new IngestionApi(client(created.getKey()))
            .postEvents(
                new EventBatch().events(List.of(event(tenant, EventType.ACTIVITY, now))), null);
    assertThat(sent.getAccepted()).isEqualTo(1);
    assertThat(sent.getRejected()).isEmpty();
  }
}
