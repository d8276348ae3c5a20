package dev.tenantpulse.dashboards.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A variable with a fixed list of values, written into the dashboard (Grafana's {@code custom}
 * type). With {@code includeAll} and no custom "all" value, choosing All stands for every value of
 * the list; the default selection is All.
 */
public record CustomVariable(
    String name, String label, String description, List<Option> options, boolean includeAll)
    implements Variable {

  /** One value of the list and the text shown for it. */
  public record Option(String text, String value) {
    public Option {
      if (text.contains(",") || value.contains(",") || value.contains(" : ")) {
        throw new IllegalArgumentException("option cannot hold ',' or ' : ': " + value);
      }
    }
  }

  public CustomVariable {
    Objects.requireNonNull(name, "name");
    options = List.copyOf(options);
    if (options.isEmpty()) {
      throw new IllegalArgumentException("variable " + name + " has no options");
    }
  }

  public List<String> values() {
    return options.stream().map(Option::value).toList();
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    ObjectNode current = node.putObject("current");
    if (includeAll) {
      current.putArray("text").add("All");
      current.putArray("value").add("$__all");
    } else {
      current.put("text", options.get(0).text());
      current.put("value", options.get(0).value());
    }
    node.put("description", description);
    node.put("includeAll", includeAll);
    node.put("label", label);
    node.put("multi", includeAll);
    node.put("name", name);
    ArrayNode array = node.putArray("options");
    if (includeAll) {
      addOption(array, "All", "$__all", true);
    }
    for (int i = 0; i < options.size(); i++) {
      addOption(array, options.get(i).text(), options.get(i).value(), !includeAll && i == 0);
    }
    // Grafana's custom syntax: "text : value" pairs separated by commas.
    node.put(
        "query",
        options.stream().map(o -> o.text() + " : " + o.value()).collect(Collectors.joining(",")));
    node.put("type", "custom");
    return node;
  }

  private static void addOption(ArrayNode array, String text, String value, boolean selected) {
    ObjectNode option = array.addObject();
    option.put("selected", selected);
    option.put("text", text);
    option.put("value", value);
  }
}
