package dev.tenantpulse.dashboards;

import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.Json;
import dev.tenantpulse.dashboards.provisioning.DashboardProvider;
import dev.tenantpulse.dashboards.provisioning.ProvisionedDatasources;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything under {@code dashboards/grafana} that is generated: one JSON file per dashboard and
 * the provisioning files (for a server and for the embedded default), keyed by their path relative
 * to that folder.
 */
public final class GeneratedFiles {

  /** Dashboard JSON files, one per dashboard uid. */
  public static final String DASHBOARDS_DIR = "dashboards";

  public static final String DATASOURCES_FILE = "provisioning/datasources/datasources.yaml";
  public static final String PROVIDER_FILE = "provisioning/dashboards/tenant-pulse.yaml";

  /** The same for a Grafana reading the embedded default (GF_PATHS_PROVISIONING points here). */
  public static final String EMBEDDED_DATASOURCES_FILE =
      "provisioning-embedded/datasources/datasources.yaml";

  public static final String EMBEDDED_PROVIDER_FILE =
      "provisioning-embedded/dashboards/tenant-pulse.yaml";

  private final Map<String, String> files;

  private GeneratedFiles(Map<String, String> files) {
    this.files = files;
  }

  public static GeneratedFiles of(PlanCatalog catalog) {
    Map<String, String> files = new LinkedHashMap<>();
    for (Dashboard dashboard : Boards.all(catalog)) {
      files.put(dashboardFile(dashboard), Json.write(dashboard.toJson()));
    }
    files.put(DATASOURCES_FILE, ProvisionedDatasources.yaml());
    files.put(PROVIDER_FILE, DashboardProvider.yaml());
    files.put(EMBEDDED_DATASOURCES_FILE, ProvisionedDatasources.embeddedYaml());
    files.put(EMBEDDED_PROVIDER_FILE, DashboardProvider.yaml());
    return new GeneratedFiles(files);
  }

  public static String dashboardFile(Dashboard dashboard) {
    return DASHBOARDS_DIR + "/" + dashboard.uid() + ".json";
  }

  /** Relative path to content. */
  public Map<String, String> files() {
    return Map.copyOf(files);
  }

  /** Writes every file under {@code root} and removes dashboard JSON files no board generates. */
  public void writeTo(Path root) throws IOException {
    for (String stale : staleDashboards(root)) {
      Files.delete(root.resolve(stale));
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Paths under {@code root} that differ from what the code generates: changed or missing files,
   * and dashboard JSON files no board generates any more. Empty when the tree is current.
   */
  public List<String> differencesFrom(Path root) throws IOException {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      if (!Files.exists(path)) {
        differences.add(file.getKey() + " (missing)");
      } else if (!Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
        differences.add(file.getKey() + " (differs)");
      }
    }
    staleDashboards(root).forEach(stale -> differences.add(stale + " (not generated)"));
    return differences;
  }

  private List<String> staleDashboards(Path root) throws IOException {
    Path dir = root.resolve(DASHBOARDS_DIR);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .map(p -> DASHBOARDS_DIR + "/" + p.getFileName())
          .filter(relative -> !files.containsKey(relative))
          .sorted()
          .toList();
    }
  }
}
