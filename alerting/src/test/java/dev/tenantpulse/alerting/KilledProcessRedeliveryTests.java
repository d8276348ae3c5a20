package dev.tenantpulse.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantpulse.alerting.support.RecordingHttpServer;
import dev.tenantpulse.alerting.support.RunningAlerting;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real process, really killed: alerting runs as a child JVM (its own chDB directory and H2 file,
 * Quartz on the real clock) and halts itself ({@code Runtime.halt}: no shutdown hooks, no clean-up)
 * right after committing its claim on a notification and before sending it. The next process on the
 * same files delivers that notification exactly once, with the key decided before the kill. The
 * rule fires on "no data" (the child's tables are empty, and no first-data grace is given), so the
 * child needs nothing from this JVM's engine.
 */
class KilledProcessRedeliveryTests {

  private static final Pattern HALTED =
      Pattern.compile("halting the JVM before sending (tp1-[0-9a-f]+)");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void aProcessKilledBetweenDecisionAndSendDeliversOnceAfterRestart() throws Exception {
    try (RecordingHttpServer receiver = new RecordingHttpServer(200)) {
      Path rules = dir.resolve("rules.yaml");
      Files.writeString(
          rules,
          """
          channels:
            hook: {type: webhook, url: "%s", secret: killed-secret-0123456789}
          rules:
            active_tenants_drop:
              {for: 0s, evaluation_interval: 1s, no_data_after: 1s, channels: [hook]}
          """
              .formatted(receiver.url("/hook")));
      int port = freePort();
      List<String> args =
          List.of(
              "--server.port=" + port,
              "--spring.main.banner-mode=off",
              "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("metadata"),
              "--tenant-pulse.alerting.rules-file=" + rules,
              "--tenant-pulse.alerting.clickhouse.url=jdbc:chdb:" + dir.resolve("clickhouse"),
              "--tenant-pulse.alerting.clickhouse.migrate=true",
              "--tenant-pulse.alerting.admin-token=" + RunningAlerting.ADMIN_TOKEN,
              "--tenant-pulse.alerting.no-data-grace=0s",
              "--tenant-pulse.alerting.outbox.claim-timeout=3s",
              "--tenant-pulse.alerting.outbox.poll-interval=200ms");

      Process first =
          start(args, "--tenant-pulse.alerting.outbox.crash-before-send=HALT_JVM", "first.log");
      assertThat(first.waitFor(180, TimeUnit.SECONDS)).as("the first process halts").isTrue();
      assertThat(first.exitValue()).isEqualTo(77);
      Matcher halted = HALTED.matcher(Files.readString(dir.resolve("first.log")));
      assertThat(halted.find()).as("it halted at the crash point").isTrue();
      String key = halted.group(1);
      assertThat(receiver.requests()).isEmpty();

      Process second = start(args, "--tenant-pulse.alerting.instance-id=second", "second.log");
      try {
        await().atMost(Duration.ofSeconds(180)).until(() -> receiver.requests().size() == 1);
        JsonNode outbox =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(
                    () -> notifications(port),
                    n ->
                        n != null
                            && n.size() == 1
                            && n.get(0).get("state").asString().equals("delivered"));
        assertThat(outbox.get(0).get("idempotency_key").asString()).isEqualTo(key);
        assertThat(outbox.get(0).get("attempts").asInt()).isEqualTo(1);
      } finally {
        second.destroy();
        second.waitFor(60, TimeUnit.SECONDS);
      }
      assertThat(receiver.requests())
          .singleElement()
          .satisfies(r -> assertThat(r.header("X-TenantPulse-Idempotency-Key")).isEqualTo(key));
      assertThat(JSON.readTree(receiver.requests().get(0).text()).get("status").asString())
          .isEqualTo("no_data");
    }
  }

  private Process start(List<String> args, String extra, String log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-XX:TieredStopAtLevel=1"); // starts faster; this process lives for seconds
    command.add("-Xmx512m");
    command.add("-Dorg.jooq.no-logo=true");
    command.add("-Dorg.jooq.no-tips=true");
    String library = System.getProperty("chdb.library");
    if (library != null) {
      command.add("-Dchdb.library=" + library);
    }
    // Surefire's class path (a manifest jar naming every test and main dependency).
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AlertingApplication.class.getName());
    command.addAll(args);
    command.add(extra);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile())
        .start();
  }

  private static JsonNode notifications(int port) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/api/notifications"))
                      .header("Authorization", "Bearer " + RunningAlerting.ADMIN_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    } catch (IOException e) {
      return null; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
