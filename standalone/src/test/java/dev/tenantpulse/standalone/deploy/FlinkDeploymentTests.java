package dev.tenantpulse.standalone.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Flink Kubernetes Operator's {@code FlinkDeployment} and the Compose cluster run the same job:
 * the jar the image holds, the job's main class, and arguments the job accepts.
 */
class FlinkDeploymentTests {

  private static final String MAIN = "dev.tenantpulse.flink.job.TenantPulseJobMain";

  private final JsonNode deployment =
      DeployFiles.yaml(DeployFiles.deploy("kubernetes/flink-deployment.yaml"));

  @Test
  void isAFlinkDeploymentOfTheOperatorForFlink22() {
    assertThat(deployment.path("apiVersion").asString()).isEqualTo("flink.apache.org/v1beta1");
    assertThat(deployment.path("kind").asString()).isEqualTo("FlinkDeployment");
    assertThat(deployment.path("spec").path("flinkVersion").asString()).isEqualTo("v2_2");
    assertThat(deployment.path("spec").path("job").path("upgradeMode").asString())
        .isEqualTo("savepoint");
  }

  @Test
  void runsTheJarTheImageHoldsWithTheJobsMainClass() throws IOException {
    JsonNode job = deployment.path("spec").path("job");
    String jar = job.path("jarURI").asString().replaceFirst("^local://", "");
    String dockerfile = Files.readString(DeployFiles.deploy("flink/Dockerfile"));
    String composeCommand =
        DeployFiles.compose().path("services").path("jobmanager").path("command").asString();

    assertThat(dockerfile).contains(" " + jar);
    assertThat(job.path("entryClass").asString()).isEqualTo(MAIN);
    assertThat(composeCommand).contains("--job-classname " + MAIN);
    assertThat(
            DeployFiles.root()
                .resolve("flink-jobs/src/main/java/" + MAIN.replace('.', '/') + ".java"))
        .exists();
  }

  @Test
  void passesTheSameSettingsAsTheComposeClustersJobProperties() throws IOException {
    Properties compose = new Properties();
    compose.load(new StringReader(Files.readString(DeployFiles.deploy("flink/job.properties"))));

    assertThat(argumentMap().keySet())
        .containsExactlyInAnyOrderElementsOf(compose.stringPropertyNames());
  }

  @Test
  void passesArgumentsTheJobAccepts() throws Exception {
    Class<?> arguments = jobArguments();
    List<String> args = new ArrayList<>();
    deployment.path("spec").path("job").path("args").forEach(a -> args.add(a.asString()));

    Method parse = arguments.getMethod("parse", String[].class);
    Object parsed = parse.invoke(null, (Object) args.toArray(String[]::new));
    Object config = arguments.getMethod("jobConfig").invoke(parsed); // throws on a bad key

    assertThat(config.toString()).contains("tenant_pulse");
  }

  private Map<String, String> argumentMap() {
    Map<String, String> map = new LinkedHashMap<>();
    JsonNode args = deployment.path("spec").path("job").path("args");
    for (int i = 0; i + 1 < args.size(); i += 2) {
      map.put(args.get(i).asString().substring(2), args.get(i + 1).asString());
    }
    return map;
  }

  private static Class<?> jobArguments() {
    try {
      return Class.forName("dev.tenantpulse.flink.config.JobArguments");
    } catch (ClassNotFoundException e) {
      assumeTrue(
          false,
          "flink-jobs with JobArguments is not on this module's class path yet (not installed):"
              + " the FlinkDeployment's arguments cannot be parsed by the job's own parser");
      throw new IllegalStateException(e);
    }
  }
}
