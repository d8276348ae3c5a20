package dev.tenantpulse.billing.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The export's ledger in the metadata database (tables of {@code db/migration/billing/V1}). Every
 * write commits before the method returns: the ledger is the record a restarted exporter trusts.
 * Thread-safe (each call takes its own connection).
 */
public final class Ledger {

  private final DataSource db;

  public Ledger(DataSource db) {
    this.db = db;
  }

  /** The windows starting at or after {@code fromSecond}, by key. */
  public Map<WindowKey, LedgerWindow> windowsFrom(long fromSecond) {
    String sql =
        "SELECT tenant_id, meter, window_start, measured_quantity, target_units"
            + " FROM billing_windows WHERE window_start >= ?";
    Map<WindowKey, LedgerWindow> windows = new HashMap<>();
    query(
        sql,
        s -> s.setLong(1, fromSecond),
        rs -> {
          WindowKey key = new WindowKey(rs.getString(1), rs.getString(2), rs.getLong(3));
          windows.put(key, new LedgerWindow(key, rs.getDouble(4), rs.getLong(5)));
        });
    return windows;
  }

  /** Writes windows measured anew (insert or replace), in one transaction. */
  public void saveWindows(List<LedgerWindow> windows, long nowMillis) {
    if (windows.isEmpty()) {
      return;
    }
    transaction(
        c -> {
          try (PreparedStatement update =
                  c.prepareStatement(
                      "UPDATE billing_windows SET measured_quantity = ?, target_units = ?,"
                          + " measured_at = ? WHERE tenant_id = ? AND meter = ? AND window_start = ?");
              PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO billing_windows (measured_quantity, target_units, measured_at,"
                          + " tenant_id, meter, window_start) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (LedgerWindow w : windows) {
              bindWindow(update, w, nowMillis);
              if (update.executeUpdate() == 0) {
                bindWindow(insert, w, nowMillis);
                insert.executeUpdate();
              }
            }
          }
        });
  }

  private static void bindWindow(PreparedStatement s, LedgerWindow w, long now)
      throws SQLException {
    s.setDouble(1, w.measuredQuantity());
    s.setLong(2, w.targetUnits());
    s.setLong(3, now);
    s.setString(4, w.key().tenantId());
    s.setString(5, w.key().meter());
    s.setLong(6, w.key().windowStart());
  }

  /** Every window starting in [{@code fromSecond}, {@code untilSecond}) with its sends summed. */
  public List<WindowBalance> balances(long fromSecond, long untilSecond) {
    String sql =
        "SELECT w.tenant_id, w.meter, w.window_start, w.measured_quantity, w.target_units,"
            + " COALESCE(SUM(CASE WHEN s.state = 'sent' THEN s.units ELSE 0 END), 0),"
            + " COALESCE(SUM(CASE WHEN s.state = 'pending' THEN s.units ELSE 0 END), 0),"
            + " COALESCE(MAX(s.revision), -1),"
            // Every accepted revision of a window went to one customer: corrections follow it.
            + " MIN(CASE WHEN s.state = 'sent' THEN s.customer_id END),"
            + " MAX(CASE WHEN s.state <> 'sent' THEN s.last_error END)"
            + " FROM billing_windows w LEFT JOIN billing_sends s ON s.tenant_id = w.tenant_id"
            + " AND s.meter = w.meter AND s.window_start = w.window_start"
            + " WHERE w.window_start >= ? AND w.window_start < ?"
            + " GROUP BY w.tenant_id, w.meter, w.window_start, w.measured_quantity, w.target_units"
            + " ORDER BY w.tenant_id, w.meter, w.window_start";
    List<WindowBalance> balances = new ArrayList<>();
    query(
        sql,
        s -> {
          s.setLong(1, fromSecond);
          s.setLong(2, untilSecond);
        },
        rs -> {
          WindowKey key = new WindowKey(rs.getString(1), rs.getString(2), rs.getLong(3));
          balances.add(
              new WindowBalance(
                  new LedgerWindow(key, rs.getDouble(4), rs.getLong(5)),
                  rs.getLong(6),
                  rs.getLong(7),
                  rs.getInt(8),
                  rs.getString(9),
                  rs.getString(10)));
        });
    return balances;
  }

  /** The sends recorded but not settled, oldest window first. */
  public List<Send> pending() {
    List<Send> sends = new ArrayList<>();
    query(
        "SELECT tenant_id, meter, window_start, revision, identifier, customer_id, event_name,"
            + " units, state, attempts, last_error FROM billing_sends WHERE state = 'pending'"
            + " ORDER BY window_start, tenant_id, meter, revision",
        s -> {},
        rs ->
            sends.add(
                new Send(
                    new WindowKey(rs.getString(1), rs.getString(2), rs.getLong(3)),
                    rs.getInt(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getLong(8),
                    SendState.fromDb(rs.getString(9)),
                    rs.getInt(10),
                    rs.getString(11))));
    return sends;
  }

  /** Records sends before they are made, in one transaction. */
  public void recordPending(List<Send> sends, long nowMillis) {
    if (sends.isEmpty()) {
      return;
    }
    transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO billing_sends (tenant_id, meter, window_start, revision, identifier,"
                      + " customer_id, event_name, units, state, attempts, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)")) {
            for (Send send : sends) {
              s.setString(1, send.key().tenantId());
              s.setString(2, send.key().meter());
              s.setLong(3, send.key().windowStart());
              s.setInt(4, send.revision());
              s.setString(5, send.identifier());
              s.setString(6, send.customerId());
              s.setString(7, send.eventName());
              s.setLong(8, send.units());
              s.setLong(9, nowMillis);
              s.addBatch();
            }
            s.executeBatch();
          }
        });
  }

  /** Settles a send after Stripe's answer ({@code error} null when accepted). */
  public void settle(Send send, SendState state, String error, long nowMillis) {
    update(
        "UPDATE billing_sends SET state = ?, attempts = attempts + 1, last_error = ?, sent_at = ?"
            + " WHERE identifier = ?",
        s -> {
          s.setString(1, state.dbName());
          s.setString(2, error);
          if (state == SendState.SENT) {
            s.setLong(3, nowMillis);
          } else {
            s.setNull(3, Types.BIGINT);
          }
          s.setString(4, send.identifier());
        });
  }

  /** Notes a failed attempt that leaves the send pending (retried later, same identifier). */
  public void attemptFailed(Send send, String error) {
    update(
        "UPDATE billing_sends SET attempts = attempts + 1, last_error = ? WHERE identifier = ?",
        s -> {
          s.setString(1, error);
          s.setString(2, send.identifier());
        });
  }

  /** Customers set by operators, by tenant. */
  public Map<String, String> customerOverrides() {
    return byTenant("SELECT tenant_id, customer_id FROM billing_customers ORDER BY tenant_id");
  }

  public void setCustomer(String tenantId, String customerId, long nowMillis) {
    replaceTenantRow(
        "billing_customers", "tenant_id, customer_id, updated_at", tenantId, customerId, nowMillis);
  }

  /** Tenants whose export is stopped, with the reason. */
  public Map<String, String> stops() {
    return byTenant("SELECT tenant_id, reason FROM billing_stops ORDER BY tenant_id");
  }

  public void stop(String tenantId, String reason, long nowMillis) {
    replaceTenantRow(
        "billing_stops",
        "tenant_id, reason, stopped_at",
        tenantId,
        reason.length() > 1000 ? reason.substring(0, 1000) : reason,
        nowMillis);
  }

  /** A tenant id to text map from a query of those two columns. */
  private Map<String, String> byTenant(String sql) {
    Map<String, String> rows = new LinkedHashMap<>();
    query(sql, s -> {}, rs -> rows.put(rs.getString(1), rs.getString(2)));
    return rows;
  }

  /** Replaces the one row of {@code tenantId} in a table of (tenant, text, time) rows. */
  private void replaceTenantRow(
      String table, String columns, String tenantId, String text, long at) {
    transaction(
        c -> {
          try (PreparedStatement delete =
                  c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ?");
              PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO " + table + " (" + columns + ") VALUES (?, ?, ?)")) {
            delete.setString(1, tenantId);
            delete.executeUpdate();
            insert.setString(1, tenantId);
            insert.setString(2, text);
            insert.setLong(3, at);
            insert.executeUpdate();
          }
        });
  }

  /** Lifts a stop; true when there was one. */
  public boolean resume(String tenantId) {
    int[] changed = new int[1];
    transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM billing_stops WHERE tenant_id = ?")) {
            s.setString(1, tenantId);
            changed[0] = s.executeUpdate();
          }
        });
    return changed[0] > 0;
  }

  /** Every send of a tenant, newest window first, for the operator API. */
  public List<Send> sendsOf(String tenantId, int limit) {
    List<Send> sends = new ArrayList<>();
    query(
        "SELECT tenant_id, meter, window_start, revision, identifier, customer_id, event_name,"
            + " units, state, attempts, last_error FROM billing_sends WHERE tenant_id = ?"
            + " ORDER BY window_start DESC, meter, revision DESC",
        s -> {
          s.setString(1, tenantId);
          s.setMaxRows(limit);
        },
        rs ->
            sends.add(
                new Send(
                    new WindowKey(rs.getString(1), rs.getString(2), rs.getLong(3)),
                    rs.getInt(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getLong(8),
                    SendState.fromDb(rs.getString(9)),
                    rs.getInt(10),
                    rs.getString(11))));
    return sends;
  }

  /** The ledger's tables holding a tenant's rows, in the order an erasure deletes them. */
  public static final List<String> TENANT_TABLES =
      List.of("billing_sends", "billing_windows", "billing_customers", "billing_stops");

  /**
   * Deletes every row of the tenant (exactly that id) from every ledger table, in one transaction,
   * for a tenant's erasure: what was sent to Stripe stays at Stripe, the ledger forgets it. Answers
   * rows deleted per table.
   */
  public Map<String, Long> eraseTenant(String tenantId) {
    Map<String, Long> rows = new LinkedHashMap<>();
    transaction(
        c -> {
          for (String table : TENANT_TABLES) {
            try (PreparedStatement s =
                c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ?")) {
              s.setString(1, tenantId);
              rows.put(table, (long) s.executeUpdate());
            }
          }
        });
    return rows;
  }

  // --- plumbing

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void query(String sql, Binder binder, RowReader reader) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new LedgerException("reading the billing ledger failed", e);
    }
  }

  private void update(String sql, Binder binder) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new LedgerException("writing the billing ledger failed", e);
    }
  }

  private void transaction(Work work) {
    try (Connection c = db.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new LedgerException("writing the billing ledger failed", e);
    }
  }
}
