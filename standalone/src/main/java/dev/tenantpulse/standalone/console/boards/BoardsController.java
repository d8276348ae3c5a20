package dev.tenantpulse.standalone.console.boards;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.dashboards.model.CustomVariable;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.QueryVariable;
import dev.tenantpulse.dashboards.model.SqlTarget;
import dev.tenantpulse.dashboards.model.TextBoxVariable;
import dev.tenantpulse.dashboards.model.Variable;
import dev.tenantpulse.standalone.console.ConsoleException;
import dev.tenantpulse.standalone.console.Csv;
import dev.tenantpulse.standalone.console.SqlResult;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The built-in boards' API, for the console's pages: the boards, each board's definition (the
 * Grafana JSON model it is generated as), and each panel's data, run server-side. The browser names
 * a board, a panel, a range and variable values, never SQL.
 *
 * <pre>
 * GET /api/boards
 * GET /api/boards/{uid}
 * GET /api/boards/{uid}/variables/{name}?from=now-7d&amp;to=now
 * GET /api/boards/{uid}/panels/{id}?from=now-30d&amp;to=now&amp;var-plan=professional[&amp;format=csv]
 * GET /api/boards/{uid}/panels/{id}/sql?…
 * </pre>
 */
@RestController
class BoardsController {

  private final BuiltInBoards boards;
  private final BoardQueries queries;
  private final Clock clock;

  BoardsController(BuiltInBoards boards, BoardQueries queries) {
    this.boards = boards;
    this.queries = queries;
    this.clock = Clock.systemUTC();
  }

  record BoardSummary(
      String uid,
      String title,
      String description,
      List<String> tags,
      String url,
      boolean available,
      String reason) {}

  record BoardList(List<BoardSummary> boards) {}

  record BoardDefinition(JsonNode dashboard, boolean available, String reason) {}

  record VariableOptions(List<CustomVariable.Option> options) {}

  record PanelSqlView(String sql, @JsonProperty("raw_sql") String rawSql) {}

  @GetMapping("/api/boards")
  BoardList list() {
    List<BoardSummary> summaries = new ArrayList<>();
    for (Dashboard d : boards.all()) {
      String reason = BuiltInBoards.unavailable(d).orElse(null);
      summaries.add(
          new BoardSummary(
              d.uid(),
              d.title(),
              d.description(),
              d.tags(),
              "/d/" + d.uid(),
              reason == null,
              reason));
    }
    return new BoardList(summaries);
  }

  @GetMapping("/api/boards/{uid}")
  BoardDefinition board(@PathVariable String uid) {
    Dashboard dashboard = dashboard(uid);
    String reason = BuiltInBoards.unavailable(dashboard).orElse(null);
    return new BoardDefinition(dashboard.toJson(), reason == null, reason);
  }

  @GetMapping("/api/boards/{uid}/variables/{name}")
  VariableOptions variable(
      @PathVariable String uid, @PathVariable String name, HttpServletRequest request) {
    Dashboard dashboard = dashboard(uid);
    Variable variable =
        dashboard.variables().stream()
            .filter(v -> v.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new ConsoleException(
                        HttpStatus.NOT_FOUND,
                        "unknown_variable",
                        "board '" + uid + "' has no variable of that name"));
    return switch (variable) {
      case CustomVariable v -> new VariableOptions(v.options());
      case TextBoxVariable v -> new VariableOptions(List.of());
      case QueryVariable v -> {
        SqlResult result = queries.run(queries.expand(v.sql(), context(dashboard, request)));
        List<CustomVariable.Option> options = new ArrayList<>();
        for (List<Object> row : result.rows()) {
          String value = Objects.toString(row.get(0), "");
          options.add(new CustomVariable.Option(value, value));
        }
        yield new VariableOptions(options);
      }
    };
  }

  @GetMapping("/api/boards/{uid}/panels/{id}")
  ResponseEntity<?> panel(
      @PathVariable String uid,
      @PathVariable String id,
      @RequestParam(name = "format", required = false) String format,
      HttpServletRequest request) {
    boolean csv = csv(format);
    Dashboard dashboard = dashboard(uid);
    Panel panel = panel(dashboard, id);
    SqlTarget target = target(dashboard, panel);
    SqlResult result = queries.run(queries.expand(target.rawSql(), context(dashboard, request)));
    if (!csv) {
      return ResponseEntity.ok()
          .contentType(MediaType.APPLICATION_JSON)
          .header(HttpHeaders.CACHE_CONTROL, "no-store")
          .body(PanelFrame.of(result));
    }
    String file = (dashboard.uid() + "-" + panel.title()).replaceAll("[^A-Za-z0-9._-]+", "-");
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(file + ".csv").build().toString())
        .header("X-Truncated", Boolean.toString(result.truncated()))
        .body(Csv.render(result));
  }

  @GetMapping("/api/boards/{uid}/panels/{id}/sql")
  PanelSqlView panelSql(
      @PathVariable String uid, @PathVariable String id, HttpServletRequest request) {
    Dashboard dashboard = dashboard(uid);
    SqlTarget target = target(dashboard, panel(dashboard, id));
    return new PanelSqlView(
        queries.expand(target.rawSql(), context(dashboard, request)), target.rawSql());
  }

  private Dashboard dashboard(String uid) {
    return boards
        .find(uid)
        .orElseThrow(
            () ->
                new ConsoleException(
                    HttpStatus.NOT_FOUND, "unknown_board", "there is no board of that uid"));
  }

  private static Panel panel(Dashboard dashboard, String id) {
    return dashboard.panels().stream()
        .filter(p -> Integer.toString(p.id()).equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new ConsoleException(
                    HttpStatus.NOT_FOUND,
                    "unknown_panel",
                    "board '" + dashboard.uid() + "' has no panel of that id"));
  }

  private static SqlTarget target(Dashboard dashboard, Panel panel) {
    return BuiltInBoards.query(panel)
        .orElseThrow(
            () ->
                new ConsoleException(
                    HttpStatus.NOT_FOUND,
                    "not_drawn_here",
                    BuiltInBoards.unavailable(dashboard)
                        .orElse("the panel has no ClickHouse query")));
  }

  private QueryContext context(Dashboard dashboard, HttpServletRequest request) {
    Instant now = clock.instant();
    TimeRanges.Range range =
        TimeRanges.resolve(
            request.getParameter("from"), request.getParameter("to"), dashboard.timeFrom(), now);
    Map<String, List<String>> variables =
        VariableSelection.resolve(dashboard, request.getParameterMap());
    return QueryContext.of(range.from(), range.to(), variables);
  }

  private static boolean csv(String format) {
    if (format == null || format.equals("json")) {
      return false;
    }
    if (format.equals("csv")) {
      return true;
    }
    throw ConsoleException.badRequest("bad_parameter", "format: json or csv");
  }
}
