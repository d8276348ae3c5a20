package dev.tenantpulse.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The committed provisioning files, parsed as Grafana reads them (YAML). */
final class ProvisioningFiles {

  private ProvisioningFiles() {}

  static JsonNode yaml(String relative) {
    try {
      return YAMLMapper.builder()
          .build()
          .readTree(Files.readString(CommittedFilesTests.COMMITTED.resolve(relative)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** uid → plugin type of every provisioned data source. */
  static Map<String, String> datasources() {
    return datasources(GeneratedFiles.DATASOURCES_FILE);
  }

  static Map<String, String> datasources(String file) {
    Map<String, String> byUid = new LinkedHashMap<>();
    for (JsonNode ds : yaml(file).get("datasources")) {
      byUid.put(ds.get("uid").asString(), ds.get("type").asString());
    }
    return byUid;
  }
}
