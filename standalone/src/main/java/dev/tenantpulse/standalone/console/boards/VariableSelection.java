package dev.tenantpulse.standalone.console.boards;

import dev.tenantpulse.dashboards.Selections;
import dev.tenantpulse.dashboards.model.CustomVariable;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.QueryVariable;
import dev.tenantpulse.dashboards.model.TextBoxVariable;
import dev.tenantpulse.dashboards.model.Variable;
import dev.tenantpulse.standalone.console.ConsoleException;
import dev.tenantpulse.tenancy.events.IdPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The values of a board's variables in a request, from {@code var-<name>} parameters as Grafana's
 * URLs carry them ({@code var-plan=starter&var-plan=professional}, {@code var-plan=$__all}); a
 * variable not named keeps its default.
 *
 * <p>Values end up inside SQL string literals, so none reaches a query unchecked: a list variable's
 * values must be on its list, and any other value must be an id of the event contract ({@link
 * IdPattern}: letters, digits, {@code _ . : -}), which holds no quote, backslash or space.
 * Parameters that name no variable of the board are ignored, as Grafana ignores them, so an old
 * shared link still opens.
 */
public final class VariableSelection {

  static final String PREFIX = "var-";
  static final String ALL = "$__all";
  private static final int MAX_VALUES = 100;

  private VariableSelection() {}

  /**
   * @param parameters the request's parameters (only {@code var-*} ones are read)
   * @throws ConsoleException 400 {@code bad_variable} for a value the variable cannot take
   */
  public static Map<String, List<String>> resolve(
      Dashboard dashboard, Map<String, String[]> parameters) {
    Map<String, List<String>> values = new LinkedHashMap<>(Selections.defaults(dashboard));
    List<String> problems = new ArrayList<>();
    for (Variable variable : dashboard.variables()) {
      String[] given = parameters.get(PREFIX + variable.name());
      if (given == null || given.length == 0) {
        continue;
      }
      if (given.length > MAX_VALUES) {
        problems.add(variable.name() + ": at most " + MAX_VALUES + " values");
        continue;
      }
      List<String> chosen =
          switch (variable) {
            case CustomVariable v -> listValues(v, given, problems);
            case QueryVariable v -> idValue(v.name(), given, problems, false);
            case TextBoxVariable v -> idValue(v.name(), given, problems, true);
          };
      if (chosen != null) {
        values.put(variable.name(), chosen);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConsoleException(
          org.springframework.http.HttpStatus.BAD_REQUEST,
          "bad_variable",
          String.join("; ", problems),
          Map.of("problems", problems));
    }
    return values;
  }

  private static List<String> listValues(
      CustomVariable variable, String[] given, List<String> problems) {
    LinkedHashSet<String> chosen = new LinkedHashSet<>();
    for (String value : given) {
      if (value.equals(ALL) && variable.includeAll()) {
        return variable.values();
      }
      if (!variable.values().contains(value)) {
        problems.add(
            variable.name()
                + ": "
                + shown(value)
                + " is not one of "
                + String.join(", ", variable.values())
                + (variable.includeAll() ? " or " + ALL : ""));
        return null;
      }
      chosen.add(value);
    }
    if (chosen.size() > 1 && !variable.includeAll()) {
      problems.add(variable.name() + ": takes one value");
      return null;
    }
    return List.copyOf(chosen);
  }

  /**
   * @param emptyAllowed a text box may be cleared (the tenant board opens empty)
   */
  private static List<String> idValue(
      String name, String[] given, List<String> problems, boolean emptyAllowed) {
    if (given.length != 1) {
      problems.add(name + ": takes one value");
      return null;
    }
    if (emptyAllowed && given[0].isEmpty()) {
      return List.of("");
    }
    if (!IdPattern.matches(given[0])) {
      problems.add(name + ": " + shown(given[0]) + " is not an id (" + IdPattern.REGEX + ")");
      return null;
    }
    return List.of(given[0]);
  }

  /** A value as an error may repeat it: cut, control characters replaced. */
  private static String shown(String value) {
    String v = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return "'" + v.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
