package dev.tenantpulse.dashboards;

import dev.tenantpulse.dashboards.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The committed dashboard JSON files, parsed: what Grafana will load. */
record CommittedDashboards(Path file, JsonNode json) {

  static List<CommittedDashboards> load() {
    Path dir = CommittedFilesTests.COMMITTED.resolve(GeneratedFiles.DASHBOARDS_DIR);
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".json"))
          .sorted()
          .map(f -> new CommittedDashboards(f, Json.parse(read(f))))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String uid() {
    return json.get("uid").asString();
  }

  @Override
  public String toString() {
    return file.getFileName().toString();
  }
}
