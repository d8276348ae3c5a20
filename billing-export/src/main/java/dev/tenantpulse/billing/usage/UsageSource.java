package dev.tenantpulse.billing.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the warehouse says: closed hours of {@code usage_hourly} and the Stripe customer of each
 * tenant from its signup and plan change events (V008). Cross-tenant by design: the exporter bills
 * every tenant.
 */
public final class UsageSource {

  private final ClickHouseTarget target;

  public UsageSource(ClickHouseTarget target) {
    this.target = target;
  }

  /**
   * The hours starting in [{@code fromSecond}, {@code untilSecond}) of {@code meters}, ordered by
   * tenant, meter and hour (the order the carry of remainders runs in).
   */
  public List<MeasuredHour> hoursAcrossTenants(
      long fromSecond, long untilSecond, Set<String> meters) {
    List<MeasuredHour> hours = new ArrayList<>();
    if (meters.isEmpty()) {
      return hours;
    }
    String sql =
        "SELECT tenant_id, toString(meter), toUnixTimestamp(hour), quantity FROM "
            + target.table("usage_hourly")
            + " FINAL WHERE hour >= toDateTime(?, 'UTC') AND hour < toDateTime(?, 'UTC')"
            + " AND has(splitByChar(',', ?), toString(meter))"
            + " ORDER BY tenant_id, meter, hour";
    try (Connection c = target.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, fromSecond);
      s.setLong(2, untilSecond);
      // Catalog ids (no commas): one bound text instead of an array the drivers bind differently.
      s.setString(3, String.join(",", meters));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          hours.add(
              new MeasuredHour(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)));
        }
      }
    } catch (SQLException e) {
      throw new WarehouseException("reading usage_hourly failed", e);
    }
    return hours;
  }

  /**
   * Each tenant's customer: the {@code stripe_customer_id} of its latest signup or plan change that
   * named one (an event without it keeps the previous customer).
   */
  public Map<String, String> customersAcrossTenants() {
    String sql =
        "SELECT tenant_id, argMax(assumeNotNull(stripe_customer_id), event_time) FROM "
            + target.table("events")
            + " WHERE type IN ('tenant_signed_up', 'plan_changed')"
            + " AND stripe_customer_id IS NOT NULL GROUP BY tenant_id ORDER BY tenant_id";
    Map<String, String> customers = new LinkedHashMap<>();
    try (Connection c = target.connect();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        customers.put(rs.getString(1), rs.getString(2));
      }
    } catch (SQLException e) {
      throw new WarehouseException("reading the tenants' Stripe customers from events failed", e);
    }
    return customers;
  }
}
