package dev.tenantpulse.standalone.console;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API: pipeline status and recomputes. (API keys: {@link KeysController}.)
 *
 * <pre>
 * GET  /api/pipeline                                   Kafka lag, Flink state, event time, checkpoint
 * POST /api/recompute {"from": "…Z", "to": "…Z"}       202 + the run; GET /api/recompute/{id}
 * </pre>
 */
@RestController
class OperatorController {

  private static final Duration LONGEST_RECOMPUTE = Duration.ofDays(366);

  private final PipelineProbe probe;
  private final RecomputeLauncher recompute;
  private final ConsoleSettings settings;

  OperatorController(PipelineProbe probe, RecomputeLauncher recompute, ConsoleSettings settings) {
    this.probe = probe;
    this.recompute = recompute;
    this.settings = settings;
  }

  @GetMapping("/api/pipeline")
  PipelineStatus pipeline() {
    return new PipelineStatus(probe.kafka(), probe.flink(), warehouse(), Instant.now());
  }

  record RecomputeBody(String from, String to) {}

  @PostMapping("/api/recompute")
  ResponseEntity<RecomputeLauncher.Run> startRecompute(@RequestBody RecomputeBody body) {
    List<String> problems = new ArrayList<>();
    Instant from = instant("from", body == null ? null : body.from(), problems);
    Instant to = instant("to", body == null ? null : body.to(), problems);
    if (from != null && to != null) {
      if (!from.isBefore(to)) {
        problems.add("from must be before to (the range is [from, to))");
      } else if (Duration.between(from, to).compareTo(LONGEST_RECOMPUTE) > 0) {
        problems.add("the range may span at most " + LONGEST_RECOMPUTE.toDays() + " days");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConsoleException(
          HttpStatus.BAD_REQUEST,
          "invalid_recompute",
          String.join("; ", problems),
          Map.of("problems", problems));
    }
    RecomputeLauncher.Run run = recompute.start(from, to);
    return ResponseEntity.accepted().location(URI.create("/api/recompute/" + run.id())).body(run);
  }

  @GetMapping("/api/recompute/{id}")
  RecomputeLauncher.Run recompute(@PathVariable String id) {
    return recompute
        .find(id)
        .orElseThrow(
            () ->
                new ConsoleException(
                    HttpStatus.NOT_FOUND, "unknown_recompute", "no recompute has the id " + id));
  }

  private static Instant instant(String field, String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add(field + ": required, an ISO-8601 instant with offset, e.g. 2026-11-20T00:00Z");
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(field + ": not an ISO-8601 instant with offset: '" + value + "'");
      return null;
    }
  }

  private PipelineStatus.Warehouse warehouse() {
    String sql =
        "SELECT (SELECT max(window_end) FROM "
            + settings.database()
            + ".active_tenants_hourly) AS hour, (SELECT max(event_time) FROM "
            + settings.database()
            + ".events) AS event";
    try (Connection c = DriverManager.getConnection(settings.warehouseUrl() + "?readonly=1");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return new PipelineStatus.Warehouse(instantOrNull(rs, 1), instantOrNull(rs, 2), null);
    } catch (SQLException e) {
      return new PipelineStatus.Warehouse(null, null, SqlRunner.clean(e.getMessage()));
    }
  }

  private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    // an empty table's max() is the type's zero, 1970-01-01
    return value == null || value.toInstant().equals(Instant.EPOCH) ? null : value.toInstant();
  }
}
