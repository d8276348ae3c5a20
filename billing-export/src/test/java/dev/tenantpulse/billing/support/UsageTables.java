package dev.tenantpulse.billing.support;

import dev.tenantpulse.billing.usage.ClickHouseTarget;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** A fresh migrated warehouse database on the test JVM's chDB engine, and rows to put in it. */
public final class UsageTables {

  private final String database;
  private long version = 1;

  private UsageTables(String database) {
    this.database = database;
  }

  public static UsageTables fresh(String hint) throws SQLException {
    String db = TestEngine.freshDatabase(hint);
    try (Connection c = TestEngine.connect()) {
      ClickHouseMigrations.forDatabase(db).migrate(c);
    }
    return new UsageTables(db);
  }

  public ClickHouseTarget target() {
    return new ClickHouseTarget(TestEngine.url(), null, null, database);
  }

  public String database() {
    return database;
  }

  /** One hour row as the usage job writes it, with a version above every earlier one. */
  public record Hour(String tenantId, String meter, Instant hour, double quantity) {}

  public void writeHours(List<Hour> hours) throws SQLException {
    String sql =
        "INSERT INTO "
            + database
            + ".usage_hourly (hour, tenant_id, meter, quantity, computed_at, version)"
            + " VALUES (toDateTime(?, 'UTC'), ?, ?, ?, now64(3), ?)";
    try (Connection c = TestEngine.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      long v = ++version;
      for (Hour h : hours) {
        s.setLong(1, h.hour().getEpochSecond());
        s.setString(2, h.tenantId());
        s.setString(3, h.meter());
        s.setDouble(4, h.quantity());
        s.setLong(5, v);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** A signup naming the tenant's Stripe customer, as the Flink job stores it in events. */
  public void signUp(String tenantId, String customerId, Instant at) throws SQLException {
    String sql =
        "INSERT INTO "
            + database
            + ".events (tenant_id, event_id, type, event_time, received_at, plan,"
            + " stripe_customer_id) VALUES (?, ?, 'tenant_signed_up', fromUnixTimestamp64Milli(?, 'UTC'),"
            + " fromUnixTimestamp64Milli(?, 'UTC'), 'starter', ?)";
    try (Connection c = TestEngine.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenantId);
      s.setString(2, "signup-" + tenantId + "-" + at.toEpochMilli());
      s.setLong(3, at.toEpochMilli());
      s.setLong(4, at.toEpochMilli());
      s.setString(5, customerId);
      s.execute();
    }
  }
}
