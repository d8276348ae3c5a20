package dev.tenantpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.dashboards.macros.PanelSql;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.dashboards.model.ExpectedColumn;
import dev.tenantpulse.dashboards.model.QueryType;
import dev.tenantpulse.dashboards.model.ValueKind;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * Runs one dashboard query on chDB the way Grafana would send it (variables interpolated, plugin
 * macros expanded) against a test database, and checks the result against what the panel expects.
 */
final class PanelQueryCheck {

  private PanelQueryCheck() {}

  /** The expanded SQL, reading {@code database} instead of {@code tenant_pulse}. */
  static String expand(PanelQuery query, QueryContext context, String database) {
    return PanelSql.expand(query.target().rawSql(), context)
        .replaceAll("\\btenant_pulse\\.", database + ".");
  }

  static QueryResult runAndCheck(
      Connection connection, PanelQuery query, QueryContext context, String database)
      throws Exception {
    return runAndCheck(connection, query, context, database, true);
  }

  /**
   * As {@link #runAndCheck(Connection, PanelQuery, QueryContext, String)}; {@code rows} false: the
   * query must return its columns and no row (a panel over a table that is empty by design).
   */
  static QueryResult runAndCheck(
      Connection connection, PanelQuery query, QueryContext context, String database, boolean rows)
      throws Exception {
    String sql = expand(query, context, database);
    QueryResult result;
    try {
      result = QueryResult.run(connection, sql);
    } catch (Exception e) {
      throw new AssertionError(query + " failed on ClickHouse:\n" + sql, e);
    }
    List<ExpectedColumn> expect = query.target().expect();
    assertThat(result.names())
        .as("%s: result columns (ClickHouse types %s)", query, result.types())
        .containsExactlyElementsOf(expect.stream().map(ExpectedColumn::name).toList());
    for (int i = 0; i < expect.size(); i++) {
      Optional<ValueKind> kind = ValueKind.ofClickHouseType(result.types().get(i));
      assertThat(kind)
          .as(
              "%s: column %s has ClickHouse type %s",
              query, result.names().get(i), result.types().get(i))
          .contains(expect.get(i).kind());
    }
    if (query.target().queryType() == QueryType.TIME_SERIES) {
      assertThat(expect.stream().skip(1).map(ExpectedColumn::kind))
          .as("%s: a time series has values after its time column", query)
          .contains(ValueKind.NUMBER);
    }
    if (rows) {
      assertThat(result.rows()).as("%s returns rows:\n%s", query, sql).isPositive();
    } else {
      assertThat(result.rows()).as("%s returns no row:\n%s", query, sql).isZero();
    }
    return result;
  }
}
