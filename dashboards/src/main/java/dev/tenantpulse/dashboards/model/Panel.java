package dev.tenantpulse.dashboards.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A panel: a visualisation ({@code timeseries}, {@code stat}, {@code table}…) of one or more
 * queries on one data source, at a place on the grid.
 *
 * @param id unique inside its dashboard; links and panel-scoped state refer to it
 * @param options the visualisation's own options, as Grafana stores them
 */
public record Panel(
    int id,
    String type,
    String title,
    String description,
    GridPos gridPos,
    List<Target> targets,
    FieldConfig fieldConfig,
    ObjectNode options) {

  public Panel {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(gridPos, "gridPos");
    Objects.requireNonNull(fieldConfig, "fieldConfig");
    targets = List.copyOf(targets);
    options = options.deepCopy();
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("panel '" + title + "' has no query");
    }
    DatasourceRef first = targets.get(0).datasource();
    if (targets.stream().anyMatch(t -> !t.datasource().equals(first))) {
      throw new IllegalArgumentException("panel '" + title + "' mixes data sources");
    }
  }

  /** The panel's data source: the one all its queries use. */
  public DatasourceRef datasource() {
    return targets.get(0).datasource();
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.set("datasource", datasource().toJson());
    node.put("description", description);
    node.set("fieldConfig", fieldConfig.toJson());
    node.set("gridPos", gridPos.toJson());
    node.put("id", id);
    node.set("options", options.deepCopy());
    ArrayNode array = node.putArray("targets");
    targets.forEach(t -> array.add(t.toJson()));
    node.put("title", title);
    node.put("type", type);
    return node;
  }

  /** A panel being described, before the dashboard gives it an id and a place. */
  public static Spec spec(String type, String title) {
    return new Spec(type, title);
  }

  /** Mutable description of a panel, turned into a {@link Panel} by {@link #place}. */
  public static final class Spec {
    private final String type;
    private final String title;
    private String description = "";
    private final List<Target> targets = new ArrayList<>();
    private FieldConfig fieldConfig = FieldConfig.empty();
    private ObjectNode options = Json.object();

    private Spec(String type, String title) {
      this.type = Objects.requireNonNull(type, "type");
      this.title = Objects.requireNonNull(title, "title");
    }

    public Spec description(String text) {
      this.description = text;
      return this;
    }

    public Spec target(Target target) {
      targets.add(target);
      return this;
    }

    public Spec fieldConfig(FieldConfig config) {
      this.fieldConfig = config;
      return this;
    }

    public FieldConfig fieldConfig() {
      return fieldConfig;
    }

    public Spec options(ObjectNode value) {
      this.options = value.deepCopy();
      return this;
    }

    public String title() {
      return title;
    }

    /** The next free query id: A for the first query, then B… */
    public String nextRefId() {
      return String.valueOf((char) ('A' + targets.size()));
    }

    public Panel place(int id, GridPos gridPos) {
      return new Panel(id, type, title, description, gridPos, targets, fieldConfig, options);
    }
  }
}
