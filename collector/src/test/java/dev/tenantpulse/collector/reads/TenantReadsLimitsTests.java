package dev.tenantpulse.collector.reads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.AdminClient;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reads' limits over real HTTP on real chDB: a per-credential rate (429 with Retry-After), a
 * row cap (422) and the latency histogram on the Prometheus endpoint. The rate is 1 read per second
 * with a burst of 3, so a burst of requests runs out within a few of them; the cap is 5 rows, fewer
 * than a busy tenant's hours of usage and more than its plan changes.
 */
@CollectorTest
class TenantReadsLimitsTests extends CollectorTestBase {

  private static final int BURST = 3;

  @DynamicPropertySource
  static void limits(DynamicPropertyRegistry registry) {
    // Not TenantReadsTestBase: its generous limits would be registered after these and win.
    registry.add("tenant-pulse.collector.tenant-reads.warehouse-url", TestEngine::url);
    registry.add("tenant-pulse.collector.tenant-reads.database", TenantData::database);
    registry.add("tenant-pulse.collector.tenant-reads.reads-per-second", () -> "1");
    registry.add("tenant-pulse.collector.tenant-reads.burst-reads", () -> String.valueOf(BURST));
    registry.add("tenant-pulse.collector.tenant-reads.max-rows", () -> "5");
  }

  private final String tenant = TenantData.busyTenant();

  private String clientKey(String tenant) {
    return new AdminClient(() -> port).createKey("limits-" + tenant, tenant).get("key").asString();
  }

  @Test
  void aCredentialPastItsBurstIsRefusedWithRetryAfterWhileAnotherStillReads() {
    String exhausted = clientKey(tenant);
    String other = clientKey(tenant);
    // A path this credential may not read costs a read too (the limit comes before the scope),
    // and answers fast: the burst runs out before a token refills.
    HttpResponse<String> refused = null;
    int allowed = 0;
    for (int i = 0; i < BURST + 20 && refused == null; i++) {
      HttpResponse<String> r = get("/v1/tenants/someone-else/plan-history", "Bearer " + exhausted);
      if (r.statusCode() == 429) {
        refused = r;
      } else {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        allowed++;
      }
    }
    assertThat(refused).as("no 429 after %d reads", BURST + 20).isNotNull();
    assertThat(allowed).isGreaterThanOrEqualTo(BURST);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(json(refused).get("code").asString()).isEqualTo("rate_limited");

    HttpResponse<String> fresh = get("/v1/tenants/" + tenant + "/plan-history", "Bearer " + other);
    assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
  }

  @Test
  void anAnswerLongerThanMaxRowsIsRefusedWith422AndAShortOneIsNot() {
    HttpResponse<String> tooLong =
        get(
            "/v1/tenants/" + tenant + "/usage?granularity=hour&from=2025-01-01T00:00:00Z",
            "Bearer " + clientKey(tenant));
    assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(422);
    assertThat(json(tooLong).get("code").asString()).isEqualTo("result_too_large");
    assertThat(json(tooLong).get("detail").asString()).contains("more than 5 rows");

    HttpResponse<String> shortOne =
        get("/v1/tenants/" + tenant + "/plan-history", "Bearer " + clientKey(tenant));
    assertThat(shortOne.statusCode()).as(shortOne.body()).isEqualTo(200);
    assertThat(json(shortOne).get("changes").size()).isBetween(1, 5);
  }

  @Test
  void eachReadsLatencyHistogramIsOnThePrometheusEndpoint() {
    String key = clientKey(tenant);
    assertThat(get("/v1/tenants/" + tenant + "/onboarding", "Bearer " + key).statusCode())
        .isEqualTo(200);
    assertThat(get("/v1/tenants/" + tenant + "/plan-history", "Bearer " + key).statusCode())
        .isEqualTo(200);

    HttpResponse<String> scrape = get("/actuator/prometheus", null);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .containsPattern("collector_tenant_reads_seconds_bucket\\{[^}]*read=\"onboarding\"")
        .containsPattern("collector_tenant_reads_seconds_bucket\\{[^}]*read=\"plan_history\"")
        .containsPattern(
            "collector_tenant_reads_seconds_count\\{[^}]*read=\"onboarding\"[^}]*} 1(\\.0)?\n");
  }
}
