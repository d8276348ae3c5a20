package dev.tenantpulse.dashboards.boards;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.catalog.Price;
import dev.tenantpulse.tenancy.events.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
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

  /**
   * The catalog's usage price of a row's meter under a row's plan, read from the columns {@code
   * plan} and {@code meter}: {@code multiIf(plan = 'starter' AND meter = 'api_calls', 0.002, …,
   * otherwise)}. A plan prices one meter; any other meter, or a plan the catalog does not list,
   * gets {@code otherwise} (a SQL expression: {@code 0}, {@code NULL}).
   */
  static String usagePrice(PlanCatalog catalog, String otherwise) {
    List<String> branches = new ArrayList<>();
    for (Plan plan : catalog.plans()) {
      Price price = plan.price(BillingModel.USAGE);
      branches.add(
          "plan = %s AND meter = %s, %s"
              .formatted(
                  literal(plan.id()), literal(price.meter()), price.amount().toPlainString()));
    }
    return "multiIf(" + String.join(", ", branches) + ", " + otherwise + ")";
  }

  /** {@code ('activity', 'usage')}: the wire names of the event types that pass {@code filter}. */
  static String eventTypes(Predicate<EventType> filter) {
    return Arrays.stream(EventType.values())
        .filter(filter)
        .map(t -> literal(t.wireName()))
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
