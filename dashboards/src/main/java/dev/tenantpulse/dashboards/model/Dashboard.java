package dev.tenantpulse.dashboards.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Grafana dashboard in the JSON model Grafana 12 saves ({@link #SCHEMA_VERSION}).
 *
 * @param uid stable identifier: URLs, links and provisioning updates key on it, so it never changes
 *     once published
 * @param linkTag dashboards sharing this tag are linked to each other in the header
 */
public record Dashboard(
    String uid,
    String title,
    String description,
    List<String> tags,
    String linkTag,
    String timeFrom,
    String refresh,
    List<Variable> variables,
    List<Annotation> annotations,
    List<Panel> panels) {

  /**
   * The dashboard JSON schema version of Grafana 12.0/12.1. Newer Grafana migrates it on load with
   * two steps that touch nothing these boards write (42: {@code custom.hideFrom} overrides, 43:
   * {@code formatTime} transformations; the structure tests keep both out); older ones load it as
   * is.
   */
  public static final int SCHEMA_VERSION = 41;

  private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  public Dashboard {
    Objects.requireNonNull(title, "title");
    if (uid == null || !UID.matcher(uid).matches()) {
      throw new IllegalArgumentException("dashboard uid must be 1-40 of [A-Za-z0-9_-]: " + uid);
    }
    tags = List.copyOf(tags);
    variables = List.copyOf(variables);
    annotations = List.copyOf(annotations);
    panels = List.copyOf(panels);
  }

  /** Every ClickHouse query of the dashboard: panels' targets, then annotation queries. */
  public List<SqlTarget> sqlTargets() {
    Stream<SqlTarget> ofPanels =
        panels.stream()
            .flatMap(p -> p.targets().stream())
            .filter(SqlTarget.class::isInstance)
            .map(SqlTarget.class::cast);
    Stream<SqlTarget> ofAnnotations =
        annotations.stream()
            .filter(SqlAnnotation.class::isInstance)
            .map(a -> ((SqlAnnotation) a).target());
    return Stream.concat(ofPanels, ofAnnotations).toList();
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    ArrayNode annotationList = node.putObject("annotations").putArray("list");
    annotations.forEach(a -> annotationList.add(a.toJson()));
    node.put("description", description);
    node.put("editable", true);
    node.put("fiscalYearStartMonth", 0);
    node.put("graphTooltip", 1); // shared crosshair: hours line up across panels
    node.putNull("id");
    ArrayNode links = node.putArray("links");
    ObjectNode link = links.addObject();
    link.put("asDropdown", false);
    link.put("icon", "external link");
    link.put("includeVars", true);
    link.put("keepTime", true);
    link.set("tags", Json.strings(List.of(linkTag)));
    link.put("targetBlank", false);
    link.put("title", "Tenant Pulse");
    link.put("type", "dashboards");
    ArrayNode panelArray = node.putArray("panels");
    panels.forEach(p -> panelArray.add(p.toJson()));
    node.put("refresh", refresh);
    node.put("schemaVersion", SCHEMA_VERSION);
    node.set("tags", Json.strings(tags));
    ArrayNode variableList = node.putObject("templating").putArray("list");
    variables.forEach(v -> variableList.add(v.toJson()));
    ObjectNode time = node.putObject("time");
    time.put("from", timeFrom);
    time.put("to", "now");
    node.putObject("timepicker");
    node.put("timezone", "utc"); // every metric is defined in UTC days and hours
    node.put("title", title);
    node.put("uid", uid);
    node.put("version", 1);
    return node;
  }

  public static Builder builder(String uid, String title) {
    return new Builder(uid, title);
  }

  /**
   * Builds a dashboard; panels flow left to right in rows (a panel that does not fit the row's
   * remaining width starts the next row), and get ids 1, 2, 3… in the order they are added, so
   * adding a panel at the end changes no existing id.
   */
  public static final class Builder {
    private final String uid;
    private final String title;
    private String description = "";
    private final List<String> tags = new ArrayList<>();
    private String linkTag = "";
    private String timeFrom = "now-7d";
    private String refresh = "";
    private final List<Variable> variables = new ArrayList<>();
    private final List<Annotation> annotations = new ArrayList<>(List.of(new BuiltInAnnotation()));
    private final List<Panel> panels = new ArrayList<>();
    private int x;
    private int y;
    private int rowHeight;

    private Builder(String uid, String title) {
      this.uid = uid;
      this.title = title;
    }

    public Builder description(String text) {
      this.description = text;
      return this;
    }

    public Builder tags(List<String> values, String linkTag) {
      tags.addAll(values);
      this.linkTag = linkTag;
      return this;
    }

    public Builder time(String from, String refresh) {
      this.timeFrom = from;
      this.refresh = refresh;
      return this;
    }

    public Builder variable(Variable variable) {
      variables.add(variable);
      return this;
    }

    public Builder annotation(Annotation annotation) {
      annotations.add(annotation);
      return this;
    }

    /** Adds a panel {@code width} columns wide and {@code height} rows high. */
    public Builder panel(Panel.Spec spec, int width, int height) {
      if (x + width > GridPos.COLUMNS) {
        newRow();
      }
      panels.add(spec.place(panels.size() + 1, new GridPos(x, y, width, height)));
      x += width;
      rowHeight = Math.max(rowHeight, height);
      return this;
    }

    /** Starts a new row even when the current one has room left. */
    public Builder newRow() {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
      return this;
    }

    public Dashboard build() {
      return new Dashboard(
          uid,
          title,
          description,
          tags,
          linkTag,
          timeFrom,
          refresh,
          variables,
          annotations,
          panels);
    }
  }
}
