package dev.tenantpulse.collector;

import static dev.tenantpulse.collector.support.PlanEvents.planChanged;
import static dev.tenantpulse.collector.support.PlanEvents.signedUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.auth.JdbcApiKeyStore;
import dev.tenantpulse.collector.auth.NewApiKey;
import dev.tenantpulse.collector.support.AdminClient;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.collector.support.MutableClock;
import dev.tenantpulse.collector.support.RunningCollector;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What the metadata database must do on every engine the collector supports: keys, revocations and
 * plans survive a restart (a second application on the same database), the migrations build the
 * intended types, and the key cache meets another replica's revocation within its TTL. Subclasses
 * name the database.
 */
abstract class MetadataStoreContract extends CollectorTestBase {

  private final AdminClient admin = new AdminClient(() -> port);
  private final String tenant = "meta-" + UUID.randomUUID().toString().substring(0, 8);

  /** The datasource (and Flyway) properties of the database under test. */
  protected abstract Map<String, String> metadataDatabase();

  private RunningCollector start() {
    RunningCollector app = RunningCollector.start(TOPIC, metadataDatabase());
    port = app.port(); // the base class's HTTP helpers now talk to this application
    return app;
  }

  private void accepted(String event) {
    HttpResponse<String> response = postEvents(SERVER_KEY, batch(event));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private JsonNode entitlement(String feature, int expectedStatus) {
    HttpResponse<String> response =
        get("/v1/tenants/" + tenant + "/entitlements/" + feature, "Bearer " + SERVER_KEY);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return json(response);
  }

  @Test
  void theTenantsPlanSurvivesARestart() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (var _ = start()) {
      accepted(signedUp(tenant + "-1", tenant, "starter", now.minusHours(3)));
      assertThat(entitlement("sso", 402).get("plan").asString()).isEqualTo("starter");
      accepted(planChanged(tenant + "-2", tenant, "professional", now.minusHours(1)));
      assertThat(entitlement("sso", 200).get("plan").asString()).isEqualTo("professional");
    }
    try (var _ = start()) {
      assertThat(entitlement("sso", 200).get("plan").asString()).isEqualTo("professional");
      // Older by its instant, though its wall-clock reading (+05:00) is later than the newest's.
      accepted(
          planChanged(
              tenant + "-3",
              tenant,
              "starter",
              now.minusHours(2).withOffsetSameInstant(ZoneOffset.ofHours(5))));
      assertThat(entitlement("sso", 200).get("plan").asString()).isEqualTo("professional");
      assertThat(entitlement("audit_logs", 402).get("requiredPlan").asString())
          .isEqualTo("enterprise");
    }
  }

  @Test
  void keysAndRevocationsSurviveARestart() {
    String kept;
    String revoked;
    String revokedId;
    try (var _ = start()) {
      kept = admin.createKey("kept", tenant).get("key").asString();
      JsonNode created = admin.createKey("revoked", tenant);
      revoked = created.get("key").asString();
      revokedId = created.get("id").asString();
      assertThat(admin.send("DELETE", "/admin/keys/" + revokedId, null).statusCode())
          .isEqualTo(204);
    }
    try (var _ = start()) {
      assertThat(postEvents(kept, batch(activity(tenant + "-a", tenant))).statusCode())
          .isEqualTo(200);
      assertThat(postEvents(revoked, batch(activity(tenant + "-b", tenant))).statusCode())
          .isEqualTo(401);
      JsonNode keys = json(admin.send("GET", "/admin/keys", null)).get("keys");
      long seededServerKeys =
          keys.valueStream().filter(k -> k.get("name").asString().equals("server")).count();
      assertThat(seededServerKeys).as("seed keys are created once").isEqualTo(1);
      assertThat(
              keys.valueStream()
                  .filter(k -> k.get("id").asString().equals(revokedId))
                  .findFirst()
                  .orElseThrow()
                  .get("revoked_at"))
          .isNotNull();
    }
  }

  @Test
  void aRevocationOnAnotherReplicaTakesEffectWithinTheCacheTtl() {
    try (RunningCollector app = start()) {
      JdbcClient database = app.bean(JdbcClient.class);
      MutableClock clock = new MutableClock(Instant.now());
      JdbcApiKeyStore here = new JdbcApiKeyStore(database, Duration.ofSeconds(30), clock);
      JdbcApiKeyStore elsewhere = new JdbcApiKeyStore(database, Duration.ofSeconds(30), clock);
      NewApiKey key = here.create("replicated", tenant);
      assertThat(here.authenticate(key.key())).isPresent();
      assertThat(elsewhere.authenticate(key.key())).isPresent();

      here.revoke(key.info().id());

      assertThat(here.authenticate(key.key())).as("revoked here: at once").isEmpty();
      assertThat(elsewhere.authenticate(key.key())).as("elsewhere: within the TTL").isPresent();
      clock.advance(Duration.ofSeconds(30));
      assertThat(elsewhere.authenticate(key.key())).isEmpty();
    }
  }

  @Test
  void timesAreStoredAsInstants() {
    try (RunningCollector app = start()) {
      JdbcClient database = app.bean(JdbcClient.class);
      for (String column :
          new String[] {
            "api_keys.created_at", "api_keys.revoked_at", "tenant_plans.effective_at"
          }) {
        String[] tableColumn = column.split("\\.");
        String type =
            database
                .sql(
                    "SELECT data_type FROM information_schema.columns WHERE table_schema ="
                        + " current_schema AND lower(table_name) = ? AND lower(column_name) = ?")
                .params(tableColumn[0], tableColumn[1])
                .query(String.class)
                .single();
        assertThat(type).as(column).isEqualToIgnoringCase("timestamp with time zone");
      }
    }
  }
}
