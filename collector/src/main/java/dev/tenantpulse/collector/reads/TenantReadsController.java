package dev.tenantpulse.collector.reads;

import dev.tenantpulse.collector.limits.RateLimiter;
import dev.tenantpulse.collector.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant-facing reads: {@code GET /v1/tenants/{tenantId}/usage|activity|features|onboarding|
 * plan-history}. The credential decides the tenant ({@link Reader#scopeFor}); a tenant it may not
 * read is answered exactly like a tenant that does not exist (404 {@code tenant_not_found}), before
 * anything is read, so no answer tells whether another tenant exists. Other ways of naming a tenant
 * (a {@code tenant_id} parameter, a header, a body) are never read.
 */
@RestController
class TenantReadsController {

  static final Duration DEFAULT_RANGE = Duration.ofDays(30);

  private final ReadCredentials credentials;
  private final Optional<TenantReads> reads;
  private final RateLimiter limiter;
  private final MeterRegistry meters;
  private final Clock clock;

  TenantReadsController(
      ReadCredentials credentials,
      Optional<TenantReads> reads,
      TenantReadsLimiter limiter,
      MeterRegistry meters,
      Clock clock) {
    this.credentials = credentials;
    this.reads = reads;
    this.limiter = limiter.limiter();
    this.meters = meters;
    this.clock = clock;
  }

  @GetMapping("/v1/tenants/{tenantId}/usage")
  ResponseEntity<Reports.Usage> usage(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable String tenantId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "day") String granularity) {
    TenantScope scope = scope(authorization, tenantId);
    Granularity g =
        Granularity.parse(granularity)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "invalid_granularity", "granularity is hour, day or month"));
    Range range = range(from, to);
    return answer("usage_" + g.wireName(), r -> r.usage(scope, g, range.from(), range.to()));
  }

  @GetMapping("/v1/tenants/{tenantId}/activity")
  ResponseEntity<Reports.Activity> activity(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable String tenantId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    TenantScope scope = scope(authorization, tenantId);
    Range range = range(from, to);
    return answer("activity", r -> r.activity(scope, range.from(), range.to()));
  }

  @GetMapping("/v1/tenants/{tenantId}/features")
  ResponseEntity<Reports.Features> features(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable String tenantId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    TenantScope scope = scope(authorization, tenantId);
    Range range = range(from, to);
    return answer("features", r -> r.features(scope, range.from(), range.to()));
  }

  @GetMapping("/v1/tenants/{tenantId}/onboarding")
  ResponseEntity<Reports.Onboarding> onboarding(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable String tenantId) {
    TenantScope scope = scope(authorization, tenantId);
    return answer("onboarding", r -> r.onboarding(scope));
  }

  @GetMapping("/v1/tenants/{tenantId}/plan-history")
  ResponseEntity<Reports.PlanHistory> planHistory(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable String tenantId) {
    TenantScope scope = scope(authorization, tenantId);
    return answer("plan_history", r -> r.planHistory(scope));
  }

  private TenantScope scope(String authorization, String tenantId) {
    Reader reader = credentials.reader(authorization);
    limiter.acquire(reader.credentialId(), 1);
    return reader
        .scopeFor(tenantId)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "tenant_not_found", "this credential has no tenant data at this path"));
  }

  private record Range(Instant from, Instant to) {}

  private Range range(String from, String to) {
    Instant end = to == null ? clock.instant() : instant("to", to);
    Instant start = from == null ? end.minus(DEFAULT_RANGE) : instant("from", from);
    if (!start.isBefore(end)) {
      throw ApiException.badRequest("invalid_range", "from must be before to");
    }
    return new Range(start, end);
  }

  private static Instant instant(String name, String text) {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid_" + name,
          name + " must be an ISO-8601 instant with offset, e.g. 2026-01-01T00:00:00Z");
    }
  }

  private <T> ResponseEntity<T> answer(String read, Function<TenantReads, T> work) {
    TenantReads r =
        reads.orElseThrow(
            () ->
                new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "tenant_reads_disabled",
                    "tenant reads are not configured (tenant-pulse.collector.tenant-reads.warehouse-url)",
                    null,
                    null));
    Timer timer =
        Timer.builder("collector.tenant_reads")
            .description("Latency of the tenant-scoped reads")
            .tag("read", read)
            .publishPercentileHistogram()
            .register(meters);
    T body;
    try {
      body = timer.record(() -> work.apply(r));
    } catch (TenantWarehouse.ResultTooLargeException e) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_CONTENT, "result_too_large", e.getMessage(), null, null);
    }
    // One tenant's data: no shared cache may keep it.
    return ResponseEntity.ok().cacheControl(CacheControl.noStore().cachePrivate()).body(body);
  }
}
