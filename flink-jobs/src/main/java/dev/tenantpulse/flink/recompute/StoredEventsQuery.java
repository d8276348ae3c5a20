package dev.tenantpulse.flink.recompute;

import dev.tenantpulse.flink.sink.ClickHouseOptions;
import dev.tenantpulse.flink.sink.JdbcConnections;
import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored events a recompute reads back from {@code events}: one row per (tenant_id, event_id)
 * ({@code FINAL}), late ones included (a recompute counts them), as the events they were.
 */
final class StoredEventsQuery implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String COLUMNS =
      "tenant_id, event_id, type, event_time, user_id, feature, step, meter, quantity, plan,"
          + " billing_model, tenancy_model, seats, properties, stripe_customer_id";

  private final ClickHouseOptions options;

  StoredEventsQuery(ClickHouseOptions options) {
    this.options = options;
  }

  /** The first and last event time stored (epoch ms), empty when the table holds no event. */
  Optional<long[]> eventTimeRange() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(), toUnixTimestamp64Milli(min(event_time)),"
                    + " toUnixTimestamp64Milli(max(event_time)) FROM "
                    + options.qualified("events"))) {
      rs.next();
      if (rs.getLong(1) == 0) {
        return Optional.empty();
      }
      return Optional.of(new long[] {rs.getLong(2), rs.getLong(3)});
    }
  }

  /** The events with {@code from <= event_time < until} (epoch ms). */
  List<TenantEvent> read(long from, long until) throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM "
            + options.qualified("events")
            + " FINAL WHERE event_time >= fromUnixTimestamp64Milli(?, 'UTC')"
            + " AND event_time < fromUnixTimestamp64Milli(?, 'UTC')";
    List<TenantEvent> events = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, from);
      s.setLong(2, until);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          events.add(event(rs));
        }
      }
    }
    return events;
  }

  private Connection connect() throws SQLException {
    return JdbcConnections.open(options.url(), options.user(), options.password());
  }

  private static TenantEvent event(ResultSet rs) throws SQLException {
    String type = rs.getString(3);
    double quantity = rs.getDouble(9);
    Double boxedQuantity = rs.wasNull() ? null : quantity;
    long seats = rs.getLong(13);
    Integer boxedSeats = rs.wasNull() ? null : (int) seats;
    String properties = rs.getString(14);
    return new TenantEvent(
        rs.getString(2),
        EventType.fromWire(type)
            .orElseThrow(() -> new SQLException("events holds an unknown type '" + type + "'")),
        rs.getString(1),
        rs.getObject(4, Instant.class),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        boxedQuantity,
        rs.getString(10),
        wire(rs.getString(11), BillingModel::fromWire),
        wire(rs.getString(12), TenancyModel::fromWire),
        boxedSeats,
        properties == null || properties.equals("{}") ? null : properties,
        rs.getString(15));
  }

  private static <E> E wire(String text, java.util.function.Function<String, Optional<E>> parse)
      throws SQLException {
    if (text == null) {
      return null;
    }
    Optional<E> value = parse.apply(text);
    if (value.isEmpty()) {
      throw new SQLException("events holds an unknown value '" + text + "'");
    }
    return value.get();
  }
}
