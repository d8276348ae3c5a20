package dev.tenantpulse.dashboards.macros;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Grafana's interpolation of dashboard template variables into a query, done in the browser before
 * the data source sees the query: {@code $name}, {@code ${name}}, {@code ${name:format}}, {@code
 * [[name]]} and {@code [[name:format]]}.
 *
 * <p>Formats: {@code singlequote} ({@code 'a','b'}, quotes escaped with a backslash), {@code
 * sqlstring} ({@code 'a','b'}, quotes doubled), {@code csv} ({@code a,b}), {@code raw}. Without a
 * format the ClickHouse data source's own formatter applies: several values become {@code 'a','b'}
 * (not escaped), one value is pasted as is — which is why the boards always name a format.
 *
 * <p>Names starting with {@code __} are left alone: Grafana's global variables and the ClickHouse
 * plugin's macros ({@code $__timeFilter(…)}), which the data source expands later. A variable the
 * context does not define is an error (Grafana would leave the text and ClickHouse would fail on
 * it).
 */
public final class TemplateVariables {

  // Grafana's variable syntax (public/app/features/variables/utils.ts variableRegex).
  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?]]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?}");

  private TemplateVariables() {}

  /** A reference to a variable in a query. */
  public record Reference(String name, String format) {}

  /** Every variable a text references, global variables and macros excluded. */
  public static List<Reference> references(String text) {
    Matcher m = VARIABLE.matcher(text);
    List<Reference> found = new ArrayList<>();
    while (m.find()) {
      Reference ref = reference(m);
      if (!ref.name().startsWith("__")) {
        found.add(ref);
      }
    }
    return found;
  }

  public static String interpolate(String sql, Map<String, List<String>> variables) {
    Matcher m = VARIABLE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Reference ref = reference(m);
      String replacement;
      if (ref.name().startsWith("__")) {
        replacement = m.group();
      } else {
        List<String> values = variables.get(ref.name());
        if (values == null) {
          throw new IllegalArgumentException("unknown template variable $" + ref.name());
        }
        replacement = format(values, ref.format());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Reference reference(Matcher m) {
    if (m.group(1) != null) {
      return new Reference(m.group(1), null);
    }
    if (m.group(2) != null) {
      return new Reference(m.group(2), m.group(3));
    }
    return new Reference(m.group(4), m.group(6));
  }

  static String format(List<String> values, String format) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a variable needs at least one selected value");
    }
    if (format == null) {
      // The ClickHouse data source's formatter (CHDatasource.format).
      return values.size() == 1 ? values.get(0) : "'" + String.join("','", values) + "'";
    }
    return switch (format) {
      case "singlequote" ->
          values.stream()
              .map(v -> "'" + v.replace("'", "\\'") + "'")
              .collect(Collectors.joining(","));
      case "sqlstring" ->
          values.stream()
              .map(v -> "'" + v.replace("'", "''") + "'")
              .collect(Collectors.joining(","));
      case "csv" -> String.join(",", values);
      case "raw" -> String.join(",", values);
      default -> throw new IllegalArgumentException("unsupported variable format :" + format);
    };
  }
}
