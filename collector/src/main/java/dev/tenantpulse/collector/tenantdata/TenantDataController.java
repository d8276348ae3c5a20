package dev.tenantpulse.collector.tenantdata;

import dev.tenantpulse.access.User;
import dev.tenantpulse.access.web.AccessGuard;
import dev.tenantpulse.collector.auth.JdbcApiKeyStore;
import dev.tenantpulse.collector.entitlements.TenantPlans;
import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.IdPattern;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 * /admin/tenants/{id}} erases them, its API keys and its plan (entitlements), and whatever the
 * runtime's {@link TenantDataEraser}s hold of it (the billing ledger), then has the cross-tenant
 * aggregates of its {@link AffectedRange} recomputed ({@link AggregatesRecompute}, when the runtime
 * has one; otherwise the answer says which range to recompute). Both are written to the audit log.
 *
 * <p>First of all, the erasure tells the streaming job ({@link ErasureNotices}), which forgets the
 * tenant: without that, rows the job writes afterwards (the next days' active tenants, feature
 * adoption's tenants per plan) would count it again from its state. When the notice cannot be
 * written, nothing is erased (503, retry).
 */
@RestController
class TenantDataController {

  private static final Logger log = LoggerFactory.getLogger(TenantDataController.class);
  private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  private final Optional<TenantDataStore> store;
  private final JdbcApiKeyStore keys;
  private final TenantPlans plans;
  private final TenantDataAudit audit;
  private final List<TenantDataEraser> erasers;
  private final Optional<AggregatesRecompute> recompute;
  private final ErasureNotices notices;
  private final Clock clock;

  TenantDataController(
      Optional<TenantDataStore> store,
      JdbcApiKeyStore keys,
      TenantPlans plans,
      TenantDataAudit audit,
      List<TenantDataEraser> erasers,
      Optional<AggregatesRecompute> recompute,
      ErasureNotices notices,
      Clock clock) {
    this.store = store;
    this.keys = keys;
    this.plans = plans;
    this.audit = audit;
    this.erasers = List.copyOf(erasers);
    this.recompute = recompute;
    this.notices = notices;
    this.clock = clock;
  }

  /**
   * What an erasure removed, per table (and {@code api_keys}), and the aggregates' recompute (null
   * when the tenant had no event: no aggregate counted it).
   */
  record Erased(String tenantId, Map<String, Long> rows, Aggregates aggregates) {}

  /**
   * The range of aggregate rows to recompute and the recompute started for it (or how to run it).
   */
  record Aggregates(
      Instant eventsFrom,
      Instant eventsTo,
      Instant from,
      Instant to,
      AggregatesRecompute.Ticket recompute) {}

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
  Erased erase(@PathVariable String tenantId, HttpServletRequest request) throws Exception {
    TenantDataStore s = store(tenantId);
    // Before the deletion: the span is read from the events it deletes.
    Instant erasedAt = clock.instant();
    Optional<AffectedRange> range =
        s.eventSpan(tenantId).map(span -> AffectedRange.of(span[0], span[1], erasedAt));
    notices.publish(tenantId, erasedAt);
    Map<String, Long> rows = new LinkedHashMap<>(s.erase(tenantId));
    rows.put("api_keys", (long) keys.deleteTenantKeys(tenantId));
    rows.put("tenant_plans", (long) plans.delete(tenantId));
    for (TenantDataEraser eraser : erasers) {
      rows.putAll(eraser.erase(tenantId));
    }
    // After every deletion: a recompute reading the events before they were gone would count them.
    Aggregates aggregates = range.map(this::recompute).orElse(null);
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put("stream_notice", "sent");
    if (aggregates != null) {
      notes.put("events_from", aggregates.eventsFrom().toString());
      notes.put("events_to", aggregates.eventsTo().toString());
      notes.put("recompute_from", aggregates.from().toString());
      notes.put("recompute_to", aggregates.to().toString());
      notes.put("recompute", aggregates.recompute().state());
      if (aggregates.recompute().id() != null) {
        notes.put("recompute_id", aggregates.recompute().id());
      }
    }
    audit.record(TenantDataAudit.Action.ERASE, tenantId, actor(request), rows, notes);
    log.info("erased tenant {}: {} {}", tenantId, rows, notes);
    return new Erased(tenantId, rows, aggregates);
  }

  private Aggregates recompute(AffectedRange range) {
    AggregatesRecompute.Ticket ticket =
        recompute
            .map(r -> r.start(range.from(), range.to()))
            .orElseGet(
                () ->
                    new AggregatesRecompute.Ticket(
                        "MANUAL",
                        null,
                        "recompute ["
                            + range.from()
                            + ", "
                            + range.to()
                            + ") from the stored events: flink run -c"
                            + " dev.tenantpulse.flink.recompute.RecomputeMain <flink-jobs job jar>"
                            + " --config job.properties --from "
                            + range.from()
                            + " --to "
                            + range.to()));
    return new Aggregates(range.eventsFrom(), range.eventsTo(), range.from(), range.to(), ticket);
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
