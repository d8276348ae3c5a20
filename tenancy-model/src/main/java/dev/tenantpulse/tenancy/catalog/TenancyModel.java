package dev.tenantpulse.tenancy.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a tenant's data lives in the customer's SaaS: its own stack (silo), shared infrastructure
 * (pool), or shared compute with dedicated storage (bridge). Tenant Pulse only records it; its own
 * tables always use the pool model.
 */
public enum TenancyModel {
  SILO("silo"),
  POOL("pool"),
  BRIDGE("bridge");

  private final String wireName;

  TenancyModel(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in events and ClickHouse. */
  public String wireName() {
    return wireName;
  }

  /** The model with this wire name; exact, case-sensitive match (see {@link BillingModel}). */
  public static Optional<TenancyModel> fromWire(String wireName) {
    return Arrays.stream(values()).filter(m -> m.wireName.equals(wireName)).findFirst();
  }

  /** Every wire name in declaration order, for error messages. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(TenancyModel::wireName).toList();
  }
}
