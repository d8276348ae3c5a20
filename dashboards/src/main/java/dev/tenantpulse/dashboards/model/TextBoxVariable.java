package dev.tenantpulse.dashboards.model;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A free text input (Grafana's {@code textbox} type): the variable for a value there are too many
 * of to list, such as one tenant id among thousands. A link can set it through the URL ({@code
 * var-<name>=…}). Queries must quote it ({@code ${tenant:sqlstring}}): the text is whatever the
 * user typed.
 *
 * @param defaultValue the text the dashboard opens with; may be empty
 */
public record TextBoxVariable(String name, String label, String description, String defaultValue)
    implements Variable {

  public TextBoxVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(defaultValue, "defaultValue");
  }

  /** As Grafana 12 saves a text box: the value is the query, the current value and one option. */
  @Override
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    ObjectNode current = node.putObject("current");
    current.put("text", defaultValue);
    current.put("value", defaultValue);
    node.put("description", description);
    node.put("label", label);
    node.put("name", name);
    ObjectNode option = node.putArray("options").addObject();
    option.put("selected", true);
    option.put("text", defaultValue);
    option.put("value", defaultValue);
    node.put("query", defaultValue);
    node.put("type", "textbox");
    return node;
  }
}
