package dev.tenantpulse.standalone.console.boards;

import dev.tenantpulse.dashboards.macros.PanelSql;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.standalone.console.ConsoleException;
import dev.tenantpulse.standalone.console.ConsoleSettings;
import dev.tenantpulse.standalone.console.SqlRequest;
import dev.tenantpulse.standalone.console.SqlResult;
import dev.tenantpulse.standalone.console.SqlRunner;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Runs the boards' queries: the panel's stored SQL with variables and the ClickHouse plugin's
 * macros expanded exactly as Grafana's plugin expands them ({@link PanelSql}), in a read-only
 * session of its own (the same limits as the analysts' SQL endpoint).
 *
 * <p>A board page asks for all its panels at once; on two cores more than two queries at a time
 * only share the same CPU, so they wait their turn here (fairly, up to {@link #QUEUE_SECONDS})
 * instead of being refused like an analyst's fifth query.
 */
@Component
public class BoardQueries {

  static final int MAX_ROWS = 50_000;
  static final int TIMEOUT_SECONDS = 30;
  static final int RUNNING = 2;
  static final int QUEUE_SECONDS = 30;

  private static final Pattern DEFAULT_DATABASE = Pattern.compile("\\btenant_pulse\\.");

  private final SqlRunner runner;
  private final ConsoleSettings settings;
  private final Semaphore running = new Semaphore(RUNNING, true);

  BoardQueries(SqlRunner runner, ConsoleSettings settings) {
    this.runner = runner;
    this.settings = settings;
  }

  /** The SQL that runs for {@code rawSql} in {@code context}, in the boards' database. */
  public String expand(String rawSql, QueryContext context) {
    String sql;
    try {
      sql = PanelSql.expand(rawSql, context);
    } catch (IllegalArgumentException e) {
      // the board's own SQL or a variable it lacks: ours to fix, not the reader's
      throw new ConsoleException(
          HttpStatus.INTERNAL_SERVER_ERROR, "board_definition", e.getMessage());
    }
    String database = settings.boardsDatabase();
    return database.equals("tenant_pulse")
        ? sql
        : DEFAULT_DATABASE.matcher(sql).replaceAll(Matcher.quoteReplacement(database + "."));
  }

  public SqlResult run(String sql) {
    SqlRequest request = SqlRequest.of(sql, MAX_ROWS, TIMEOUT_SECONDS, settings);
    boolean admitted;
    try {
      admitted = running.tryAcquire(QUEUE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    }
    if (!admitted) {
      throw busy();
    }
    try {
      return runner.execute(request);
    } finally {
      running.release();
    }
  }

  private static ConsoleException busy() {
    return new ConsoleException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "boards_busy",
        "board queries waited " + QUEUE_SECONDS + " s for their turn; try again");
  }
}
