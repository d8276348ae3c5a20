package dev.tenantpulse.tenancy.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a plan is charged. Every catalog plan has a price for each of them, so a tenant can move
 * between billing models without changing plan.
 */
public enum BillingModel {
  /** A fixed amount per month. */
  FLAT("flat"),
  /** An amount per seat (user) per month. */
  PER_SEAT("per_seat"),
  /** An amount per metered unit (for example one API call). */
  USAGE("usage");

  private final String wireName;

  BillingModel(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in events, the catalog file and ClickHouse. */
  public String wireName() {
    return wireName;
  }

  /**
   * The model with this wire name. Matching is exact (case-sensitive): wire names are lower-case
   * everywhere, and accepting variants would let one model appear under two spellings downstream.
   */
  public static Optional<BillingModel> fromWire(String wireName) {
    return Arrays.stream(values()).filter(m -> m.wireName.equals(wireName)).findFirst();
  }

  /** Every wire name in declaration order, for error messages. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(BillingModel::wireName).toList();
  }
}
