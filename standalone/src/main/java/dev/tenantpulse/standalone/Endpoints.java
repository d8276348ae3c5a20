package dev.tenantpulse.standalone;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a running process listens, printed at start and written to {@code endpoints.json} in the
 * data directory (scripts and tests read the ports from there when they were chosen at start).
 *
 * @param clickhouseHttp the ClickHouse-compatible HTTP interface (Grafana, DBeaver, JDBC)
 * @param alerting null when alerting is not running
 * @param flinkUi null when the Flink jobs are not running
 * @param devKey the seeded server API key, null when none
 * @param billing the billing export's operator API and metrics; null when it is off
 * @param adminTokenFile where the generated admin token is kept; null when it was given
 */
public record Endpoints(
    @JsonProperty("data_dir") String dataDir,
    String collector,
    String console,
    @JsonProperty("clickhouse_http") String clickhouseHttp,
    String alerting,
    @JsonProperty("flink_ui") String flinkUi,
    @JsonProperty("kafka_bootstrap_servers") String kafka,
    @JsonProperty("clickhouse_url") String clickhouseUrl,
    @JsonProperty("admin_token_file") String adminTokenFile,
    @JsonProperty("dev_key") String devKey,
    String billing,
    long pid) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Replaces the file atomically, so a reader never sees half of it. */
  void write(Path file) {
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, JSON.writeValueAsString(this), StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static Endpoints read(Path file) throws IOException {
    return JSON.readValue(Files.readString(file), Endpoints.class);
  }

  /** The lines printed once everything has started. */
  List<String> summary(String adminToken) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Tenant Pulse is running; data in " + dataDir);
    lines.add(
        "  Ingestion API   POST " + collector + "/v1/events   (Segment SDKs: " + collector + ")");
    if (devKey != null) {
      lines.add("                  server API key for local use: " + devKey);
    }
    lines.add("  Analyst SQL     POST " + console + "/api/sql   (read-only, JSON or CSV)");
    lines.add(
        "  Operator API    "
            + console
            + "/api/pipeline, /api/keys, /api/recompute   (also "
            + collector
            + "/admin/keys)");
    lines.add(
        "  Admin token     "
            + adminToken
            + (adminTokenFile == null ? "" : "   (kept in " + adminTokenFile + ")"));
    lines.add("  Metrics         " + collector + "/actuator/prometheus   (collector)");
    if (alerting != null) {
      lines.add("                  " + alerting + "/actuator/prometheus   (alerting)");
    }
    lines.add("                  " + console + "/actuator/prometheus   (console)");
    if (flinkUi != null) {
      lines.add("  Flink web UI    " + flinkUi);
    }
    if (alerting != null) {
      lines.add("  Alerting API    " + alerting + "/api/rules, /api/alerts, /api/silences");
    }
    if (billing != null) {
      lines.add(
          "  Billing export  "
              + billing
              + "/api/billing/status, /api/billing/reconciliation   (Stripe Billing Meters)");
    }
    lines.add(
        "  Dashboards      "
            + console
            + "/   (log in as a user: bin/tenant-pulse users add NAME --role viewer;");
    lines.add(
        "                  or as admin with the admin token; alerts at " + console + "/alerts)");
    lines.add(
        "                  Grafana: dashboards/grafana, provisioned by deploy/docker-compose.yml");
    lines.add("  Logs            " + Path.of(dataDir).resolve("logs/tenant-pulse.log"));
    lines.add("Press Ctrl-C to stop (the Flink jobs take a savepoint; a restart resumes from it).");
    return lines;
  }
}
