package dev.tenantpulse.collector.tenantdata;

import dev.tenantpulse.access.User;
import dev.tenantpulse.access.web.AccessGuard;
import dev.tenantpulse.collector.auth.JdbcApiKeyStore;
import dev.tenantpulse.collector.entitlements.TenantPlans;
import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.IdPattern;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A tenant's data on request, for operators (under {@code /admin}, so behind the admin guard):
 * {@code GET /admin/tenants/{id}/export} streams its rows as NDJSON, {@code DELETE
 * /admin/tenants/{id}} erases them, its API keys and its plan (entitlements). Both are written to
 * the audit log.
 */
@RestController
class TenantDataController {

  private static final Logger log = LoggerFactory.getLogger(TenantDataController.class);
  private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  private final Optional<TenantDataStore> store;
  private final JdbcApiKeyStore keys;
  private final TenantPlans plans;
  private final TenantDataAudit audit;

  TenantDataController(
      Optional<TenantDataStore> store,
      JdbcApiKeyStore keys,
      TenantPlans plans,
      TenantDataAudit audit) {
    this.store = store;
    this.keys = keys;
    this.plans = plans;
    this.audit = audit;
  }

  /** What an erasure removed, per table (and {@code api_keys}). */
  record Erased(String tenantId, Map<String, Long> rows) {}

  @GetMapping("/admin/tenants/{tenantId}/export")
  ResponseEntity<StreamingResponseBody> export(
      @PathVariable String tenantId, HttpServletRequest request) {
    TenantDataStore s = store(tenantId);
    String actor = actor(request);
    StreamingResponseBody body =
        out -> {
          try {
            audit.record(TenantDataAudit.Action.EXPORT, tenantId, actor, s.export(tenantId, out));
          } catch (SQLException e) {
            // Headers are sent: the client sees a cut-off stream, the log says why.
            throw new IllegalStateException("export of tenant " + tenantId + " failed", e);
          }
        };
    return ResponseEntity.ok().contentType(NDJSON).body(body);
  }

  @DeleteMapping("/admin/tenants/{tenantId}")
  Erased erase(@PathVariable String tenantId, HttpServletRequest request) throws SQLException {
    TenantDataStore s = store(tenantId);
    Map<String, Long> rows = new LinkedHashMap<>(s.erase(tenantId));
    rows.put("api_keys", (long) keys.deleteTenantKeys(tenantId));
    rows.put("tenant_plans", (long) plans.delete(tenantId));
    audit.record(TenantDataAudit.Action.ERASE, tenantId, actor(request), rows);
    log.info("erased tenant {}: {}", tenantId, rows);
    return new Erased(tenantId, rows);
  }

  private TenantDataStore store(String tenantId) {
    if (!IdPattern.matches(tenantId)) {
      throw ApiException.badRequest("invalid_tenant_id", "not a tenant id of " + IdPattern.REGEX);
    }
    return store.orElseThrow(
        () ->
            new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "tenant_data_disabled",
                "the tenant data API is not configured"
                    + " (tenant-pulse.collector.tenant-data.warehouse-url)",
                null,
                null));
  }

  private static String actor(HttpServletRequest request) {
    return request.getAttribute(AccessGuard.USER_ATTRIBUTE) instanceof User user
        ? user.name()
        : "unknown";
  }
}
