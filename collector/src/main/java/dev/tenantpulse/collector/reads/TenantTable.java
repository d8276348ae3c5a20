package dev.tenantpulse.collector.reads;

import java.util.regex.Pattern;

/**
 * A warehouse table holding one tenant's rows among all tenants' (pool model), and the column that
 * says whose a row is.
 *
 * @param replacing ReplacingMergeTree: read with {@code FINAL}, or a re-emitted row counts twice
 */
public record TenantTable(String name, String tenantColumn, boolean replacing) {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,63}");

  public TenantTable {
    if (!IDENTIFIER.matcher(name).matches() || !IDENTIFIER.matcher(tenantColumn).matches()) {
      throw new IllegalArgumentException(
          "not a table and column name: " + name + "." + tenantColumn);
    }
  }
}
