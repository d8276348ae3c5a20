package dev.tenantpulse.collector.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query layer as SQL text, without a database: what it refuses and what it renders. */
class ScopedQueryTests {

  private static final TenantTables TABLES = TenantTables.WAREHOUSE;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT count() FROM events",
        "SELECT count() FROM tenant_pulse.events",
        "SELECT count() FROM `tenant_pulse`.`events`",
        "SELECT count() FROM {t:events} AS e JOIN usage_daily AS u ON e.tenant_id = u.tenant_id",
        "SELECT count() FROM {t:events} WHERE tenant_id IN tenants",
        "SELECT count() FROM {t:events} WHERE tenant_id IN (SELECT tenant_id FROM tenants)",
        "SELECT count() FROM {t:active_tenants_hourly}",
        "SELECT count() FROM {t:events} WHERE 1 = (SELECT count() FROM remote('h', db, t))",
        "SELECT * FROM numbers(10)",
        "SELECT 1",
        "SELECT count() FROM {t:events}; SELECT * FROM events",
        "SELECT count() FROM {t:events} -- WHERE",
        "SELECT count() FROM {t:events} /* */",
        "SELECT count() FROM {x:events}",
        "SELECT count() from\n usage_daily",
        "SELECT count() FROM {t:events} WHERE x = (SELECT 1 FROM system.one)",
        "SELECT joinGet('tenant_pulse.tenants', 'plan', 'other') FROM {t:events}",
        "SELECT dictGet('d', 'plan', 'other') FROM {t:events}",
        "SELECT count() FROM {t:events} WHERE y = 1 UNION ALL SELECT count() FROM events"
      })
  void refusesAQueryThatCouldReadATableWithoutTheTenantCondition(String template) {
    assertThatThrownBy(() -> ScopedQuery.of("q", template, TABLES))
        .isInstanceOf(UnscopedQueryException.class);
  }

  @Test
  void refusesToRenderWithoutATenant() {
    ScopedQuery q = ScopedQuery.of("q", "SELECT count() FROM {t:events}", TABLES);
    assertThatThrownBy(() -> q.render(null, "tenant_pulse", TABLES, Map.of(), ""))
        .isInstanceOf(UnscopedQueryException.class)
        .hasMessageContaining("no tenant scope");
  }

  @Test
  void wrapsEveryTableWithItsTenantConditionAndBindsTheTenantEachTime() {
    ScopedQuery q =
        ScopedQuery.of(
            "q",
            "SELECT count() FROM {t:events} AS e JOIN {t:usage_daily} AS u ON u.day = toDate(e.event_time)"
                + " WHERE e.type = {v:type}",
            TABLES);
    ScopedQuery.Rendered r =
        q.render(new TenantScope("acme"), "tp", TABLES, Map.of("type", "usage"), "");
    assertThat(r.sql())
        .contains("(SELECT * FROM tp.events FINAL WHERE tenant_id = ?)")
        .contains("(SELECT * FROM tp.usage_daily FINAL WHERE tenant_id = ?)")
        .doesNotContain("acme");
    assertThat(r.args()).containsExactly("acme", "acme", "usage");
  }

  @Test
  void aValueThatLooksLikeSqlStaysAValue() {
    ScopedQuery q =
        ScopedQuery.of("q", "SELECT count() FROM {t:events} WHERE type = {v:t}", TABLES);
    String hostile = "x' OR 1=1 --";
    ScopedQuery.Rendered r =
        q.render(new TenantScope("acme"), "tp", TABLES, Map.of("t", hostile), "");
    assertThat(r.sql()).doesNotContain(hostile);
    assertThat(r.args()).containsExactly("acme", hostile);
  }

  @Test
  void setsTheRowPolicySettingToTheScopesTenantWhenConfigured() {
    ScopedQuery q = ScopedQuery.of("q", "SELECT count() FROM {t:events}", TABLES);
    assertThat(
            q.render(new TenantScope("acme-2.b:c"), "tp", TABLES, Map.of(), "SQL_tenant_id").sql())
        .endsWith(" SETTINGS SQL_tenant_id = 'acme-2.b:c'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "acme'", "acme\\", "acme%", "acme x", "_acme", "-acme", "ac'me OR 1=1"})
  void aTenantScopeAdmitsOnlyIdsOfTheEventContract(String id) {
    assertThatThrownBy(() -> new TenantScope(id)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTableAddedToTheListIsReadWithItsOwnTenantColumn() {
    TenantTables withLedger = TABLES.with(new TenantTable("billing_ledger", "tenant", false));
    ScopedQuery q = ScopedQuery.of("q", "SELECT count() FROM {t:billing_ledger}", withLedger);
    assertThat(q.render(new TenantScope("acme"), "tp", withLedger, Map.of(), "").sql())
        .isEqualTo("SELECT count() FROM (SELECT * FROM tp.billing_ledger WHERE tenant = ?)");
  }
}
