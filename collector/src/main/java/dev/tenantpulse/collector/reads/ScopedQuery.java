package dev.tenantpulse.collector.reads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant-scoped read: SQL text whose every table is a placeholder {@code {t:<table>}} of a
 * per-tenant table and whose every value is a placeholder {@code {v:<name>}}. Rendering replaces
 * each table by {@code (SELECT * FROM <db>.<table> FINAL WHERE <tenant column> = ?)} with the
 * scope's tenant bound to that {@code ?}, so no table is read without the tenant condition, the way
 * PostHog's HogQL printer adds the team condition to every table it prints.
 *
 * <p>The template is checked when the query is made, so a query that could read a table another way
 * fails its first test: no {@code FROM}/{@code JOIN} except of a placeholder or a subquery, no
 * {@code IN <table>}, no qualified name ({@code db.table}), no table function, no second statement,
 * no table outside {@link TenantTables}. ClickHouse pushes the outer conditions into the subquery,
 * and {@code tenant_id} leads every per-tenant sort key, so the wrapping costs nothing.
 */
public final class ScopedQuery {

  private static final Pattern TOKEN = Pattern.compile("\\{([tv]):([a-z_][a-z0-9_]{0,63})}");
  private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern FROM_OR_JOIN =
      // ARRAY JOIN unfolds arrays of the rows already read: it names no table.
      Pattern.compile("(?i)(?<!ARRAY )\\b(FROM|JOIN) (?!\\(|\\{t:)");
  private static final Pattern IN_TABLE = Pattern.compile("(?i)\\bIN\\s+[A-Za-z_`\"]");
  // Functions that read a table (or a dictionary over one) named by a string, without any FROM.
  private static final Pattern TABLE_READING_FUNCTION =
      Pattern.compile(
          "(?i)\\b(joinGet\\w*|dict\\w+|hasColumnInTable|remote\\w*|cluster\\w*|merge|file|url"
              + "|s3\\w*|hdfs|mysql|postgresql|input|executable)\\s*\\(");
  private static final Pattern TENANT_FREE_SOURCE = Pattern.compile("(?i)\\bFROM\\s*\\(\\s*\\)");

  private final String name;
  private final String template;
  private final List<String> tokens;

  private ScopedQuery(String name, String template, List<String> tokens) {
    this.name = name;
    this.template = template;
    this.tokens = tokens;
  }

  /**
   * Checks {@code template} and returns it as a query.
   *
   * @throws UnscopedQueryException when the text could read a table without the tenant condition
   */
  public static ScopedQuery of(String name, String template, TenantTables tables) {
    Objects.requireNonNull(template, "template");
    String code = QUOTED.matcher(template).replaceAll("''");
    if (code.contains(";") || code.contains("--") || code.contains("/*") || code.contains("#")) {
      throw refused(name, "comments and statement separators are not allowed");
    }
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(code);
    boolean anyTable = false;
    while (m.find()) {
      tokens.add(m.group());
      if (m.group(1).equals("t")) {
        anyTable = true;
        if (tables.table(m.group(2)).isEmpty()) {
          throw refused(name, "table " + m.group(2) + " has no known tenant column");
        }
      }
    }
    String bare = TOKEN.matcher(code).replaceAll("x");
    if (bare.contains("{") || bare.contains("}")) {
      throw refused(name, "a placeholder that is neither {t:table} nor {v:value}");
    }
    String checked =
        TOKEN
            .matcher(code)
            .replaceAll(r -> r.group(1).equals("t") ? "{t:}" : "x")
            .replaceAll("\\s+", " ");
    if (FROM_OR_JOIN.matcher(checked).find()) {
      throw refused(name, "a table read without the tenant condition (FROM/JOIN of a name)");
    }
    if (IN_TABLE.matcher(checked).find()) {
      throw refused(name, "IN <table> reads a table without the tenant condition");
    }
    if (TABLE_READING_FUNCTION.matcher(checked).find()) {
      throw refused(name, "a function that reads a table by name bypasses the tenant condition");
    }
    if (!anyTable || TENANT_FREE_SOURCE.matcher(checked).find()) {
      throw refused(name, "a tenant-scoped read must read a per-tenant table");
    }
    return new ScopedQuery(name, template, List.copyOf(tokens));
  }

  private static UnscopedQueryException refused(String name, String why) {
    return new UnscopedQueryException("tenant-scoped query " + name + " refused: " + why);
  }

  public String name() {
    return name;
  }

  /** SQL text and the values of its {@code ?}, in order. */
  public record Rendered(String sql, List<Object> args) {}

  /**
   * The query for {@code scope}: every table wrapped with the tenant condition, every value bound.
   *
   * @param tenantSetting a custom setting the server's row policies read (e.g. {@code
   *     SQL_tenant_id}), set to the scope's tenant in the query's SETTINGS; empty: none
   * @throws UnscopedQueryException without a scope, or without a value the text names
   */
  public Rendered render(
      TenantScope scope,
      String database,
      TenantTables tables,
      Map<String, ?> values,
      String tenantSetting) {
    if (scope == null) {
      throw refused(name, "no tenant scope");
    }
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    Matcher m = TOKEN.matcher(template);
    while (m.find()) {
      String replacement;
      if (m.group(1).equals("t")) {
        TenantTable table =
            tables.table(m.group(2)).orElseThrow(() -> refused(name, "unknown table"));
        replacement =
            "(SELECT * FROM "
                + database
                + "."
                + table.name()
                + (table.replacing() ? " FINAL" : "")
                + " WHERE "
                + table.tenantColumn()
                + " = ?)";
        args.add(scope.tenantId());
      } else {
        if (!values.containsKey(m.group(2))) {
          throw refused(name, "no value for " + m.group(2));
        }
        replacement = "?";
        args.add(values.get(m.group(2)));
      }
      m.appendReplacement(sql, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sql);
    if (!tenantSetting.isEmpty()) {
      // The id matches the contract's pattern (no quote, no backslash): a literal is exact here,
      // and a SETTINGS value cannot be a bound parameter.
      sql.append(" SETTINGS ")
          .append(tenantSetting)
          .append(" = '")
          .append(scope.tenantId())
          .append('\'');
    }
    return new Rendered(sql.toString(), List.copyOf(args));
  }

  /** How many placeholders the template has (tables and values), for tests of the text. */
  int placeholders() {
    return tokens.size();
  }
}
