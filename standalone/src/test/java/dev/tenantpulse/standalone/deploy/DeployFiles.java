package dev.tenantpulse.standalone.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The files of {@code deploy/}, read as a deployment tool would read them. */
final class DeployFiles {

  static final YAMLMapper YAML = YAMLMapper.builder().build();

  private DeployFiles() {}

  /** The repository root (tests run in the module directory). */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no deploy/ directory above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static Path deploy(String relative) {
    return root().resolve("deploy").resolve(relative);
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode compose() {
    return yaml(deploy("docker-compose.yml"));
  }

  /** A service's {@code environment}, as a map (compose allows a map or a list of K=V). */
  static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        env.put(e.getKey(), e.getValue().asString());
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        String text = item.asString();
        int eq = text.indexOf('=');
        env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
      }
    }
    return env;
  }
}
