package dev.tenantpulse.collector.reads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every per-tenant table of the warehouse contract (DESIGN.md: every table holding tenant data has
 * {@code tenant_id}), by name. Tenant-scoped reads may name only these; erasure and export walk the
 * same list, so a table added here (the billing export's ledger, for one) is read, exported and
 * erased alike. Cross-tenant tables (active tenants, adoption and usage per plan, cohorts) hold no
 * single tenant's rows and are not here: no tenant credential reads them.
 */
public final class TenantTables {

  /**
   * The tables of the warehouse migrations that hold a tenant's rows ({@code
   * TenantTablesCoverTheWarehouseTests} fails when a migration adds one that is not here).
   */
  public static final TenantTables WAREHOUSE =
      new TenantTables(
          List.of(
              new TenantTable("events", "tenant_id", true),
              new TenantTable("tenants", "tenant_id", true),
              new TenantTable("usage_daily", "tenant_id", true),
              new TenantTable("usage_monthly", "tenant_id", true),
              new TenantTable("onboarding_tenants", "tenant_id", true),
              new TenantTable("rejected_events", "tenant_id", true),
              new TenantTable("usage_hourly", "tenant_id", true),
              new TenantTable("billing_reconciliation", "tenant_id", true)));

  private final Map<String, TenantTable> byName = new LinkedHashMap<>();

  public TenantTables(List<TenantTable> tables) {
    for (TenantTable table : tables) {
      if (byName.put(table.name(), table) != null) {
        throw new IllegalArgumentException("table " + table.name() + " listed twice");
      }
    }
  }

  /** These tables and {@code more} (e.g. a ledger another module owns). */
  public TenantTables with(TenantTable... more) {
    List<TenantTable> all = new java.util.ArrayList<>(byName.values());
    all.addAll(List.of(more));
    return new TenantTables(all);
  }

  public Optional<TenantTable> table(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<TenantTable> all() {
    return List.copyOf(byName.values());
  }
}
