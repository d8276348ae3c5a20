package dev.tenantpulse.collector.reads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.CollectorTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The adversarial suite: look-alike tenants ({@link TenantData#LOOK_ALIKES}, hand-picked and
 * generated) each with rows carrying their own marker; every endpoint × every credential × every
 * way to name another tenant. No answer holds another tenant's marker, and "exists but not yours"
 * is answered exactly like "does not exist".
 */
@CollectorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTests extends TenantReadsTestBase {

  private static final String RANGE = "from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z";
  private static final List<String> ENDPOINTS =
      List.of(
          "/usage?granularity=hour&" + RANGE,
          "/usage?granularity=day&" + RANGE,
          "/usage?granularity=month&" + RANGE,
          "/activity?" + RANGE,
          "/features?" + RANGE,
          "/onboarding",
          "/plan-history");
  private final Map<String, String> clientKeys = new LinkedHashMap<>();
  private final Map<String, String> tokens = new LinkedHashMap<>();

  @BeforeAll
  void credentials() {
    for (String tenant : TenantData.LOOK_ALIKES) {
      clientKeys.put(tenant, clientKey(tenant));
      tokens.put(tenant, portalToken(tenant));
    }
  }

  private static String path(String tenant, String endpoint) {
    return "/v1/tenants/"
        + java.net.URLEncoder.encode(tenant, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20")
        + endpoint;
  }

  /** Markers of every tenant but {@code own} (the impossible ids' too). */
  private static List<String> foreignMarkers(String own) {
    List<String> out = new ArrayList<>();
    TenantData.LOOK_ALIKES.stream()
        .filter(t -> !t.equals(own))
        .forEach(t -> out.add(TenantData.marker(t)));
    TenantData.IMPOSSIBLE.forEach(t -> out.add(TenantData.marker(t)));
    return out;
  }

  private static void assertNoForeignData(String own, HttpResponse<String> r) {
    for (String marker : foreignMarkers(own)) {
      assertThat(r.body()).as("answer for %s", own).doesNotContain(marker);
    }
    for (String t : TenantData.LOOK_ALIKES) {
      if (!t.equals(own)) {
        assertThat(r.body()).doesNotContain(String.valueOf(TenantData.quantity(t)));
      }
    }
  }

  @Test
  void aTenantsOwnCredentialsSeeItsOwnRowsAndNoLookAlikes() {
    for (String tenant : TenantData.LOOK_ALIKES) {
      for (String credential : List.of(clientKeys.get(tenant), tokens.get(tenant))) {
        for (String endpoint : ENDPOINTS) {
          HttpResponse<String> r = get(path(tenant, endpoint), "Bearer " + credential);
          assertThat(r.statusCode()).as(tenant + endpoint + r.body()).isEqualTo(200);
          assertNoForeignData(tenant, r);
          // Its own rows are there: the answer is not empty by accident.
          if (endpoint.startsWith("/features")) {
            assertThat(r.body()).contains("f" + TenantData.marker(tenant));
          } else if (endpoint.startsWith("/activity")) {
            assertThat(r.body()).contains("\"activeDays\":1");
          } else if (endpoint.startsWith("/usage")) {
            assertThat(r.body()).contains("api_calls");
          } else if (endpoint.startsWith("/plan-history")) {
            assertThat(r.body()).contains("tenant_signed_up");
          } else {
            assertThat(r.body()).contains("\"done\":true");
          }
        }
      }
    }
  }

  @Test
  void anotherTenantInThePathIsAnsweredLikeATenantThatDoesNotExist() {
    Random random = new Random(7);
    for (String tenant : TenantData.LOOK_ALIKES) {
      String other = TenantData.LOOK_ALIKES.get(random.nextInt(TenantData.LOOK_ALIKES.size()));
      if (other.equals(tenant)) {
        continue;
      }
      String missing = "zz" + Long.toHexString(random.nextLong() & 0xffffffffL);
      for (String credential : List.of(clientKeys.get(tenant), tokens.get(tenant))) {
        for (String endpoint : ENDPOINTS) {
          HttpResponse<String> exists = get(path(other, endpoint), "Bearer " + credential);
          HttpResponse<String> absent = get(path(missing, endpoint), "Bearer " + credential);
          assertThat(exists.statusCode()).isEqualTo(404).isEqualTo(absent.statusCode());
          assertThat(normalized(exists, other)).isEqualTo(normalized(absent, missing));
          assertNoForeignData(tenant, exists);
        }
      }
    }
  }

  @Test
  void anotherTenantNamedInQueryHeaderOrBodyChangesNothing() {
    for (String tenant : TenantData.LOOK_ALIKES) {
      String other =
          TenantData.LOOK_ALIKES.get(
              (TenantData.LOOK_ALIKES.indexOf(tenant) + 1) % TenantData.LOOK_ALIKES.size());
      for (String credential : List.of(clientKeys.get(tenant), tokens.get(tenant))) {
        for (String endpoint : ENDPOINTS) {
          String plain = get(path(tenant, endpoint), "Bearer " + credential).body();
          String sep = endpoint.contains("?") ? "&" : "?";
          String q =
              "tenant_id="
                  + java.net.URLEncoder.encode(other, java.nio.charset.StandardCharsets.UTF_8)
                  + "&tenantId=x";
          assertThat(get(path(tenant, endpoint) + sep + q, "Bearer " + credential).body())
              .isEqualTo(plain);
          assertThat(
                  send(
                          "GET",
                          path(tenant, endpoint),
                          "Bearer " + credential,
                          null,
                          "X-Tenant-Id",
                          other,
                          "Tenant-Id",
                          other)
                      .body())
              .isEqualTo(plain);
          assertThat(
                  send(
                          "GET",
                          path(tenant, endpoint),
                          "Bearer " + credential,
                          "{\"tenant_id\":\"" + other + "\",\"tenantId\":\"" + other + "\"}",
                          "Content-Type",
                          "application/json")
                      .body())
              .isEqualTo(plain);
        }
      }
    }
  }

  @Test
  void expiredRevokedAlteredAndForeignTokensAreRefusedAlike() {
    String tenant = "acme";
    String other = "acme2";
    String revoked = portalToken(tenant);
    String id =
        new String(
                java.util.Base64.getUrlDecoder().decode(revoked.substring(4, revoked.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8)
            .substring(0, 32);
    assertThat(send("DELETE", "/v1/portal-tokens/" + id, "Bearer " + SERVER_KEY, null).statusCode())
        .isEqualTo(204);
    String valid = tokens.get(tenant);
    String payload =
        new String(
            java.util.Base64.getUrlDecoder().decode(valid.substring(4, valid.indexOf('.'))),
            java.nio.charset.StandardCharsets.UTF_8);
    String validId = payload.substring(0, 32);
    long exp = Instant.now().getEpochSecond() + 600;
    List<String> refused = new ArrayList<>();
    refused.add(revoked);
    refused.add(
        signed(validId + "." + tenant + "." + (Instant.now().getEpochSecond() - 1))); // expired
    // altered: the payload names another tenant, the signature is the original's
    String forged =
        PortalTokens.PREFIX
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    (validId + "." + other + "." + exp)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    refused.add(forged + valid.substring(valid.indexOf('.')));
    refused.add(valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A"));
    refused.add(valid + "x");
    refused.add("tpp_");
    refused.add("tpp_" + "A".repeat(50) + "." + "B".repeat(43));
    // signed with another secret
    refused.add(valid.substring(0, valid.indexOf('.') + 1) + "C".repeat(43));
    Map<String, String> reference = new LinkedHashMap<>();
    for (String token : refused) {
      for (String target : List.of(tenant, other)) {
        for (String endpoint : ENDPOINTS) {
          HttpResponse<String> r = get(path(target, endpoint), "Bearer " + token);
          assertThat(r.statusCode()).as(token).isEqualTo(401);
          assertNoForeignData("-", r);
          String body = normalized(r, target);
          assertThat(body).isEqualTo(reference.computeIfAbsent(endpoint, e -> body));
        }
      }
    }
  }

  @Test
  void aServerKeyReadsAnyTenantAndOnlyTheOneItNames() {
    for (String tenant : TenantData.LOOK_ALIKES) {
      for (String endpoint : ENDPOINTS) {
        HttpResponse<String> r = get(path(tenant, endpoint), "Bearer " + SERVER_KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertNoForeignData(tenant, r);
      }
    }
  }

  @Test
  void idsTheContractRefusesCannotBeNamedByAnyCredential() {
    for (String impossible : TenantData.IMPOSSIBLE) {
      for (String credential : List.of(SERVER_KEY, clientKeys.get("acme"), tokens.get("acme"))) {
        for (String endpoint : ENDPOINTS) {
          HttpResponse<String> r = get(path(impossible, endpoint), "Bearer " + credential);
          assertThat(r.statusCode()).as(impossible + endpoint).isIn(404, 400);
          assertNoForeignData("-", r);
        }
      }
    }
  }

  @Test
  void onlyAServerKeyMintsPortalTokens() {
    for (String credential : List.of(clientKeys.get("acme"), tokens.get("acme"))) {
      HttpResponse<String> r =
          post("/v1/portal-tokens", "Bearer " + credential, "{\"tenantId\":\"acme\"}".getBytes());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).doesNotContain("tpp_");
    }
  }

  /** The body with the tenant named in the path replaced, so two tenants' answers compare. */
  private static String normalized(HttpResponse<String> r, String tenant) {
    String encoded =
        java.net.URLEncoder.encode(tenant, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
    return r.body().replace("/v1/tenants/" + encoded + "/", "/v1/tenants/<tenant>/");
  }
}
