package dev.tenantpulse.collector.entitlements;

import dev.tenantpulse.collector.CollectorProperties;
import dev.tenantpulse.collector.auth.ApiKeyAuthenticator;
import dev.tenantpulse.collector.auth.ApiKeyPrincipal;
import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.entitlements.EntitlementDecision;
import dev.tenantpulse.tenancy.entitlements.Entitlements;
import dev.tenantpulse.tenancy.events.IdPattern;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/tenants/{tenantId}/entitlements/{feature}}: may this tenant use this feature on
 * its current plan? 200 yes, 402 no with the plan to upgrade to. The plan is the one the newest
 * plan event said ({@link TenantPlans}); the rules are the shared catalog's ({@link Entitlements}).
 * A client key asks about its own tenant only.
 */
@RestController
class EntitlementsController {

  private final ApiKeyAuthenticator keys;
  private final TenantPlans plans;
  private final Entitlements entitlements;
  private final PlanCatalog catalog;
  private final String upgradeUrl;

  EntitlementsController(
      ApiKeyAuthenticator keys,
      TenantPlans plans,
      Entitlements entitlements,
      PlanCatalog catalog,
      CollectorProperties properties) {
    this.keys = keys;
    this.plans = plans;
    this.entitlements = entitlements;
    this.catalog = catalog;
    this.upgradeUrl = properties.upgradeUrl();
  }

  @GetMapping("/v1/tenants/{tenantId}/entitlements/{feature}")
  ResponseEntity<EntitlementAnswer> check(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable String tenantId,
      @PathVariable String feature) {
    ApiKeyPrincipal key = keys.bearer(authorization);
    if (!IdPattern.matches(tenantId)) {
      throw ApiException.badRequest(
          "invalid_tenant_id", "the tenant id must match " + IdPattern.REGEX);
    }
    if (!key.mayWrite(tenantId)) {
      throw ApiException.forbidden(
          "forbidden_tenant", "this API key may not read tenant " + tenantId);
    }
    if (!catalog.isKnownFeature(feature)) {
      throw new ApiException(
          HttpStatus.NOT_FOUND,
          "unknown_feature",
          "the catalog has no feature '" + feature + "'; it has " + catalog.featureIds(),
          null,
          Map.of("features", catalog.featureIds()));
    }
    String plan = plans.currentPlan(tenantId).orElse(PlanCatalog.UNKNOWN_PLAN);
    EntitlementDecision decision = entitlements.check(plan, feature);
    // The answer changes with the next plan event: no cache may keep it.
    ResponseEntity.BodyBuilder response =
        ResponseEntity.status(decision.allowed() ? HttpStatus.OK : HttpStatus.PAYMENT_REQUIRED)
            .cacheControl(CacheControl.noStore());
    if (decision.allowed()) {
      return response.body(EntitlementAnswer.allowed(plan, feature));
    }
    return response.body(
        new EntitlementAnswer(
            false,
            decision.upgradeMessage().orElse("No plan includes this feature"),
            decision.requiredPlan().isPresent() ? upgradeUrl : null,
            decision.requiredPlan().map(Plan::id).orElse(null),
            plan,
            feature));
  }
}
