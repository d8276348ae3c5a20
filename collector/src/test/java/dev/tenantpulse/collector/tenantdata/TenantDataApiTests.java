package dev.tenantpulse.collector.tenantdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.reads.TenantTable;
import dev.tenantpulse.collector.reads.TenantTables;
import dev.tenantpulse.collector.support.AdminClient;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.collector.support.TopicEvents;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Export and erasure of one tenant over real HTTP on real chDB, among look-alike tenants whose rows
 * must all stay: every per-tenant table holds one row of each tenant (its other columns defaults).
 */
@CollectorTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantDataApiTests extends CollectorTestBase {

  private static final String TENANT = "acme";
  private static final List<String> LOOK_ALIKES = List.of("acme2", "ACME", "acme_", "acme.");
  private static final String DB = database();

  @DynamicPropertySource
  static void warehouse(DynamicPropertyRegistry registry) {
    registry.add("tenant-pulse.collector.tenant-data.warehouse-url", TestEngine::url);
    registry.add("tenant-pulse.collector.tenant-data.database", () -> DB);
  }

  @Autowired JdbcClient metadata;

  private final AdminClient admin = new AdminClient(() -> port);

  private static String database() {
    try (Connection c = TestEngine.connect()) {
      String db = TestEngine.freshDatabase("tenant_data");
      ClickHouseMigrations.forDatabase(db).migrate(c);
      for (TenantTable table : TenantTables.WAREHOUSE.all()) {
        for (String tenant : tenants()) {
          // rejected_events drops rows 90 days after rejected_at: the default 1970 is long gone.
          String sql =
              table.name().equals("rejected_events")
                  ? "INSERT INTO %s.%s (%s, rejected_at) VALUES (?, now64(3))"
                  : "INSERT INTO %s.%s (%s) VALUES (?)";
          try (PreparedStatement s =
              c.prepareStatement(sql.formatted(db, table.name(), table.tenantColumn()))) {
            s.setString(1, tenant);
            s.execute();
          }
        }
      }
      return db;
    } catch (SQLException e) {
      throw new IllegalStateException("could not fill the tenant data database", e);
    }
  }

  private static List<String> tenants() {
    List<String> all = new ArrayList<>(LOOK_ALIKES);
    all.add(TENANT);
    return all;
  }

  private static long rows(String table, String tenant) throws SQLException {
    try (Connection c = TestEngine.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count() FROM %s.%s WHERE tenant_id = ?".formatted(DB, table))) {
      s.setString(1, tenant);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private String auth() {
    return "Bearer " + AdminClient.TOKEN;
  }

  @Test
  @Order(1) // before the erasure of the same tenant
  void exportHoldsEveryTableRowOfTheTenantAndNoneOfALookAlike() {
    HttpResponse<String> r = get("/admin/tenants/" + TENANT + "/export", auth());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
    List<String> tables = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      JsonNode row = JSON.readTree(line);
      assertThat(row.get("row").get("tenant_id").asString()).isEqualTo(TENANT);
      tables.add(row.get("table").asString());
    }
    assertThat(tables)
        .containsExactlyElementsOf(
            TenantTables.WAREHOUSE.all().stream().map(TenantTable::name).toList());
    assertThat(
            metadata
                .sql(
                    "SELECT count(*) FROM tenant_data_audit WHERE action = 'export' AND tenant_id = ?")
                .param(TENANT)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  @Order(2)
  void erasedTenantIsAbsentFromEveryTableAndItsKeysWhileLookAlikesStay() throws SQLException {
    String erasedKey = admin.createKey("erased", TENANT).get("key").asString();
    String keptKey = admin.createKey("kept", "acme2").get("key").asString();
    for (String tenant : List.of(TENANT, "acme2")) {
      metadata
          .sql(
              "INSERT INTO tenant_plans (tenant_id, plan, effective_at, event_id, updated_at)"
                  + " VALUES (?, 'pro', CURRENT_TIMESTAMP, ?, CURRENT_TIMESTAMP)")
          .params(tenant, "plan-" + tenant)
          .update();
    }

    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    HttpResponse<String> r = admin.send("DELETE", "/admin/tenants/" + TENANT, auth(), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    // The streaming job is told on the tenant's partition (its key), the time of the erasure on it.
    var notices = TopicEvents.erasureNotices(TOPIC, TENANT, Duration.ofSeconds(10));
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).getKey()).isEqualTo(TENANT);
    assertThat(notices.get(0).getValue().erasedAt()).isBetween(before, Instant.now());
    assertThat(TopicEvents.erasureNotices(TOPIC, "acme2", Duration.ofMillis(500))).isEmpty();
    JsonNode erased = json(r).get("rows");
    for (TenantTable table : TenantTables.WAREHOUSE.all()) {
      assertThat(erased.get(table.name()).asLong()).as(table.name()).isEqualTo(1);
      assertThat(rows(table.name(), TENANT)).as(table.name()).isZero();
      for (String lookAlike : LOOK_ALIKES) {
        assertThat(rows(table.name(), lookAlike)).as(table.name() + " " + lookAlike).isEqualTo(1);
      }
    }
    assertThat(erased.get("api_keys").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(erased.get("tenant_plans").asLong()).isEqualTo(1);
    assertThat(
            metadata
                .sql("SELECT tenant_id FROM tenant_plans WHERE tenant_id IN (?, ?)")
                .params(TENANT, "acme2")
                .query(String.class)
                .list())
        .containsExactly("acme2");

    assertThat(postEvents(erasedKey, batch(activity("e-1", TENANT))).statusCode()).isEqualTo(401);
    JsonNode keys = json(admin.send("GET", "/admin/keys", auth(), null)).get("keys");
    List<String> keyTenants = new ArrayList<>();
    keys.forEach(k -> keyTenants.add(k.path("tenant_id").asString("")));
    assertThat(keyTenants).doesNotContain(TENANT).contains("acme2");
    assertThat(keptKey).isNotBlank();

    String detail =
        metadata
            .sql("SELECT detail FROM tenant_data_audit WHERE action = 'erase' AND tenant_id = ?")
            .param(TENANT)
            .query(String.class)
            .single();
    assertThat(detail)
        .contains("\"events\":1")
        .contains("\"api_keys\":")
        .contains("\"stream_notice\":\"sent\"");

    // Its one event (time 1970-01-01, a Thursday) counted in the aggregates from that week's
    // Monday on; without a recompute in this collector, the answer says how to run one.
    JsonNode aggregates = json(r).get("aggregates");
    assertThat(aggregates.get("eventsFrom").asString()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(aggregates.get("from").asString()).isEqualTo("1969-12-29T00:00:00Z");
    assertThat(java.time.Instant.parse(aggregates.get("to").asString()))
        .isAfter(java.time.Instant.now().minusSeconds(5));
    assertThat(aggregates.get("recompute").get("state").asString()).isEqualTo("MANUAL");
    assertThat(aggregates.get("recompute").get("how").asString())
        .contains("RecomputeMain")
        .contains("--from 1969-12-29T00:00:00Z");
    assertThat(detail)
        .contains("\"recompute_from\":\"1969-12-29T00:00:00Z\"")
        .contains("\"recompute\":\"MANUAL\"");
  }

  @Test
  void anIdOutsideTheContractIsRefusedBeforeAnythingIsDeleted() throws SQLException {
    HttpResponse<String> r = admin.send("DELETE", "/admin/tenants/acme%25", auth(), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(rows("events", "acme2")).isEqualTo(1);
  }

  @Test
  void withoutTheAdminTokenNothingIsExportedOrErased() throws SQLException {
    assertThat(get("/admin/tenants/acme2/export", "Bearer " + SERVER_KEY).statusCode())
        .isIn(401, 403);
    assertThat(admin.send("DELETE", "/admin/tenants/acme2", null, null).statusCode())
        .isIn(401, 403);
    assertThat(rows("events", "acme2")).isEqualTo(1);
  }
}
