package dev.tenantpulse.standalone.collector;

import dev.tenantpulse.billing.ledger.Ledger;
import dev.tenantpulse.collector.tenantdata.AggregatesRecompute;
import dev.tenantpulse.collector.tenantdata.TenantDataEraser;
import dev.tenantpulse.standalone.console.ConsoleException;
import dev.tenantpulse.standalone.console.RecomputeLauncher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What the one-process runtime adds to the collector's erasure of a tenant, as beans of the
 * collector's context: the billing export's ledger (its own metadata database, not the collector's)
 * erased with the rest, and the recompute of the aggregates' range launched on the runtime's
 * recompute launcher. Here, because this module has the collector, billing-export and flink-jobs,
 * which must not depend on each other.
 */
public final class TenantErasureWiring {

  private TenantErasureWiring() {}

  /**
   * @param billingLedgerUrl the JDBC URL of the billing export's metadata database
   */
  public static Consumer<GenericApplicationContext> beans(
      RecomputeLauncher recompute, String billingLedgerUrl) {
    DriverManagerDataSource ledger = new DriverManagerDataSource(billingLedgerUrl, "sa", "");
    return context -> {
      context.registerBean(LaunchedRecompute.class, () -> new LaunchedRecompute(recompute));
      context.registerBean(BillingLedgerEraser.class, () -> new BillingLedgerEraser(ledger));
    };
  }

  /** The runtime's recompute, queued behind a running one (an erasure is never refused by it). */
  record LaunchedRecompute(RecomputeLauncher launcher) implements AggregatesRecompute {
    @Override
    public Ticket start(Instant from, Instant to) {
      try {
        RecomputeLauncher.Run run = launcher.enqueue(from, to);
        return new Ticket(
            run.state(), run.id(), "GET /api/recompute/" + run.id() + " on the console");
      } catch (ConsoleException e) {
        // The data is erased already: the answer says what is left to do, it does not fail.
        return new Ticket(
            "MANUAL",
            null,
            e.getMessage() + "; recompute [" + from + ", " + to + ") once this build can");
      }
    }
  }

  /**
   * The tenant's ledger rows ({@link Ledger#eraseTenant}); none while the billing export never ran
   * (its tables are created by its own migrations, at its first start).
   */
  record BillingLedgerEraser(DataSource db) implements TenantDataEraser {
    @Override
    public Map<String, Long> erase(String tenantId) throws SQLException {
      if (!hasLedger()) {
        Map<String, Long> none = new LinkedHashMap<>();
        Ledger.TENANT_TABLES.forEach(table -> none.put(table, 0L));
        return none;
      }
      return new Ledger(db).eraseTenant(tenantId);
    }

    private boolean hasLedger() throws SQLException {
      try (Connection c = db.getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = ?")) {
        s.setString(1, "BILLING_SENDS");
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1) > 0;
        }
      }
    }
  }
}
