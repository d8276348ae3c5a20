package dev.tenantpulse.standalone.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Compose file and what it points at: it parses, every image is pinned, every file it mounts
 * exists (or is a build output named as the build names it), and the services Prometheus scrapes
 * listen where it looks.
 */
class ComposeFileTests {

  private static final Pattern PINNED =
      Pattern.compile("[^:@\\s]+(:[A-Za-z0-9._-]*\\d[A-Za-z0-9._-]*|@sha256:[0-9a-f]{64})");

  private final JsonNode compose = DeployFiles.compose();

  @Test
  void describesEveryServiceOfTheProductionDeployment() {
    Set<String> services = new java.util.TreeSet<>();
    compose.path("services").propertyNames().forEach(services::add);

    assertThat(services)
        .contains(
            "kafka",
            "clickhouse",
            "postgres",
            "jobmanager",
            "taskmanager",
            "grafana",
            "prometheus",
            "collector",
            "alerting");
  }

  @Test
  void pinsEveryImageToAVersion() throws IOException {
    List<String> images = new ArrayList<>();
    for (JsonNode service : compose.path("services")) {
      if (service.has("image")) {
        images.add(service.path("image").asString());
      }
    }
    try (Stream<Path> files = Files.walk(DeployFiles.deploy(""))) {
      for (Path dockerfile :
          files.filter(f -> f.getFileName().toString().endsWith("Dockerfile")).toList()) {
        for (String line : Files.readAllLines(dockerfile)) {
          Matcher from = Pattern.compile("^FROM\\s+(\\S+)").matcher(line.strip());
          if (from.find()) {
            images.add(from.group(1));
          }
        }
      }
    }

    assertThat(images).hasSizeGreaterThan(8);
    assertThat(images)
        .allSatisfy(
            image -> {
              assertThat(image).matches(PINNED);
              assertThat(image).doesNotEndWith(":latest");
            });
  }

  @Test
  void mountsFilesThatExistOrThatTheBuildProduces() {
    Path deploy = DeployFiles.deploy("");
    for (JsonNode service : compose.path("services")) {
      for (JsonNode volume : service.path("volumes")) {
        String source = volume.asString().split(":")[0];
        if (!source.startsWith(".")) {
          continue; // a named volume
        }
        Path path = deploy.resolve(source).normalize();
        if (source.contains("/target/")) {
          // the flink-jobs build's shaded jar: named as deploy/flink/Dockerfile copies it
          assertThat(path.getFileName().toString()).isEqualTo("flink-jobs-0.1.0-SNAPSHOT-job.jar");
        } else {
          assertThat(path).as(volume.asString()).exists();
        }
      }
    }
  }

  @Test
  void buildsTheServiceImagesFromADockerfileThatExists() {
    for (String name : List.of("collector", "alerting", "billing-export")) {
      JsonNode build = compose.path("services").path(name).path("build");
      Path context = DeployFiles.deploy("").resolve(build.path("context").asString()).normalize();

      assertThat(context.resolve(build.path("dockerfile").asString())).exists();
      assertThat(context.resolve(name).resolve("pom.xml")).exists();
      assertThat(build.path("args").path("MODULE").asString()).isEqualTo(name);
      String main = build.path("args").path("MAIN_CLASS").asString();
      assertThat(context.resolve(name + "/src/main/java/" + main.replace('.', '/') + ".java"))
          .exists();
    }
  }

  @Test
  void scrapesEachServiceOnThePortItListensOn() {
    JsonNode prometheus = DeployFiles.yaml(DeployFiles.deploy("prometheus/prometheus.yml"));
    JsonNode services = compose.path("services");
    int checked = 0;
    for (JsonNode job : prometheus.path("scrape_configs")) {
      for (JsonNode config : job.path("static_configs")) {
        for (JsonNode target : config.path("targets")) {
          String[] hostPort = target.asString().split(":");
          if (hostPort[0].equals("localhost")) {
            continue; // Prometheus itself
          }
          JsonNode service = services.path(hostPort[0]);
          assertThat(service.isObject()).as("service " + hostPort[0]).isTrue();
          Map<String, String> env = DeployFiles.environment(service);
          String port =
              env.containsKey("SERVER_PORT")
                  ? env.get("SERVER_PORT")
                  : flinkProperty(env, "metrics.reporter.prom.port");
          assertThat(hostPort[1]).as(target.asString()).isEqualTo(port);
          if (env.containsKey("SERVER_PORT")) {
            assertThat(job.path("metrics_path").asString()).isEqualTo("/actuator/prometheus");
          }
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(5);
  }

  @Test
  void runsJobManagerAndTaskManagersWithTheSameFlinkConfiguration() {
    JsonNode services = compose.path("services");
    String jobManager =
        DeployFiles.environment(services.path("jobmanager")).get("FLINK_PROPERTIES");
    String taskManager =
        DeployFiles.environment(services.path("taskmanager")).get("FLINK_PROPERTIES");

    assertThat(jobManager).isNotBlank().isEqualTo(taskManager);
    assertThat(jobManager).contains("execution.checkpointing.dir: file:///flink-data/checkpoints");
  }

  @Test
  void givesGrafanaEveryVariableItsProvisioningFilesUse() throws IOException {
    Map<String, String> env = DeployFiles.environment(compose.path("services").path("grafana"));
    Path provisioning = DeployFiles.root().resolve("dashboards/grafana/provisioning");
    Set<String> used = new java.util.TreeSet<>();
    try (Stream<Path> files = Files.walk(provisioning)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.strip().startsWith("#")) {
            continue; // comments explain the ${VAR} syntax
          }
          Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(line);
          while (variable.find()) {
            used.add(variable.group(1));
          }
        }
      }
    }

    assertThat(used).isNotEmpty();
    assertThat(env.keySet()).containsAll(used);
  }

  static String flinkProperty(Map<String, String> env, String key) {
    for (String line : env.getOrDefault("FLINK_PROPERTIES", "").split("\n")) {
      if (line.strip().startsWith(key + ":")) {
        return line.substring(line.indexOf(':') + 1).strip();
      }
    }
    throw new AssertionError("FLINK_PROPERTIES has no " + key);
  }
}
