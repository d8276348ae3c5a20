package dev.tenantpulse.dashboards.model;

import java.util.Objects;

/**
 * A column a panel relies on (by its field config, legend or layout), with the kind of value it
 * must hold. Not written to the dashboard JSON: the tests run each query on ClickHouse and check
 * the result against these.
 */
public record ExpectedColumn(String name, ValueKind kind) {

  public ExpectedColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  public static ExpectedColumn time(String name) {
    return new ExpectedColumn(name, ValueKind.TIME);
  }

  public static ExpectedColumn number(String name) {
    return new ExpectedColumn(name, ValueKind.NUMBER);
  }

  public static ExpectedColumn text(String name) {
    return new ExpectedColumn(name, ValueKind.TEXT);
  }
}
