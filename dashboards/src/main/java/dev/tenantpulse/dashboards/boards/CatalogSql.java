package dev.tenantpulse.dashboards.boards;

import java.util.List;
import java.util.stream.Collectors;

/**
 * SQL literals generated from the plan catalog, so a query that lists plans, features or steps (a
 * pivot column per plan, a funnel in step order) follows the catalog instead of keeping a second
 * list. Values are escaped as ClickHouse string literals.
 */
final class CatalogSql {

  private CatalogSql() {}

  /** {@code 'it''s'} as a ClickHouse string literal: backslash and quote escaped. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** {@code ['a', 'b']}. */
  static String array(List<String> values) {
    return values.stream().map(CatalogSql::literal).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A column alias with any characters, in backquotes. */
  static String identifier(String name) {
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
  }

  /** Orders rows by the position of {@code column}'s value in {@code values}, unknowns last. */
  static String orderBy(String column, List<String> values) {
    return "indexOf("
        + array(values)
        + ", "
        + column
        + ") = 0, indexOf("
        + array(values)
        + ", "
        + column
        + ")";
  }
}
