package dev.tenantpulse.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantpulse.alerting.channels.webhook.WebhookSender;
import dev.tenantpulse.alerting.rules.RulesRepository;
import dev.tenantpulse.alerting.support.AdversarialChannels;
import dev.tenantpulse.alerting.support.CapturedLogs;
import dev.tenantpulse.alerting.support.Metadata;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.MutableClock;
import dev.tenantpulse.alerting.support.RecordingHttpServer;
import dev.tenantpulse.alerting.support.RecordingSmtpServer;
import dev.tenantpulse.alerting.support.RunningAlerting;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets referenced by channel settings, against the running service: no answer (problems, the
 * rules, the outbox's errors) and no log line shows a value a reference expands to, nor a Spring
 * property's, whatever is written; references read the process environment only, and are expanded
 * only when sending.
 */
class SecretsAreNeverEchoedTests {

  static final Instant H = Instant.parse("2026-11-27T10:00:00Z");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Map<String, String> ENV = AdversarialChannels.ENVIRONMENT;
  static final String SLACK_PROPERTY = "https://hooks.slack.com/services/Zq1a2b-property";
  static final String RULES = "rules:\n  active_tenants_drop: {for: 0s}\n";

  @TempDir static Path dir;
  static MetricTables tables;
  static MutableClock clock = new MutableClock(H);
  static RecordingHttpServer receiver;
  static RecordingSmtpServer smtp;
  static Map<String, String> environment;
  static List<String> secrets;
  static CapturedLogs logs;
  static RunningAlerting app;

  @BeforeAll
  static void start() throws Exception {
    logs = CapturedLogs.start();
    tables = MetricTables.fresh("secrets");
    receiver = new RecordingHttpServer(400);
    smtp = new RecordingSmtpServer();
    environment = new LinkedHashMap<>(ENV);
    environment.put("TP_SECRET_ECHO_URL", receiver.url("/echo/Zq4b5c-path"));
    secrets = new ArrayList<>(AdversarialChannels.secrets());
    secrets.addAll(
        List.of(
            environment.get("TP_SECRET_ECHO_URL"),
            "Zq4b5c",
            SLACK_PROPERTY,
            "Zq1a2b",
            RunningAlerting.ADMIN_TOKEN));
    String realPath = System.getenv("PATH");
    if (realPath != null && realPath.length() >= 8) {
      secrets.add(realPath);
    }
    Files.writeString(dir.resolve("rules.yaml"), RULES);
    app = RunningAlerting.start(tables.database(), clock, properties(Map.of()), environment);
  }

  /** Spring properties with secret values, which references must not reach. */
  private static Map<String, String> properties(Map<String, String> more) {
    Map<String, String> p = new HashMap<>();
    p.put(
        "spring.datasource.url",
        "jdbc:h2:file:" + dir.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE");
    p.put("spring.datasource.password", ENV.get("spring.datasource.password"));
    p.put("test.secret", ENV.get("test.secret"));
    p.put("SLACK_WEBHOOK_URL", SLACK_PROPERTY);
    p.put("spring.quartz.auto-startup", "false");
    p.put("spring.mail.host", "127.0.0.1");
    p.put("spring.mail.port", Integer.toString(smtp.port()));
    p.put("tenant-pulse.alerting.rules-file", dir.resolve("rules.yaml").toString());
    p.put("tenant-pulse.alerting.outbox.initial-backoff", "1h");
    p.putAll(more);
    return p;
  }

  @AfterAll
  static void stop() {
    app.close();
    receiver.close();
    smtp.close();
    logs.close();
  }

  @BeforeEach
  void reset() {
    tables.truncateAll();
    Metadata.clear(app.bean(DSLContext.class));
    receiver.clear();
    receiver.defaultStatus(400);
    receiver.echo(true);
    smtp.clear();
    clock.set(H.plusSeconds(300));
    assertThat(app.api("PUT", "/api/rules", "application/yaml", RULES).statusCode()).isEqualTo(200);
  }

  private static void assertShowsNoSecret(String what, String text) {
    for (String secret : secrets) {
      if (text.contains(secret)) {
        int at = text.indexOf(secret);
        throw new AssertionError(
            what
                + " shows the secret '"
                + secret
                + "': …"
                + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 200))
                + "…");
      }
    }
  }

  private static void assertNothingShowsASecret() {
    assertShowsNoSecret("GET /api/rules", app.api("GET", "/api/rules", null, null).body());
    assertShowsNoSecret(
        "GET /api/rules/active_tenants_drop",
        app.api("GET", "/api/rules/active_tenants_drop", null, null).body());
    assertShowsNoSecret(
        "GET /api/notifications", app.api("GET", "/api/notifications", null, null).body());
    assertShowsNoSecret("the log", logs.text());
  }

  private static HttpResponse<String> patchSlackUrl(String url) {
    return app.api(
        "PATCH",
        "/api/rules",
        "application/merge-patch+json",
        "{\"channels\": {\"team\": {\"type\": \"slack\", \"url\": \"" + url + "\"}}}");
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  @Test
  void aUrlReferringToPathIsRefusedCitingTheReferenceNotThePath() {
    HttpResponse<String> refused = patchSlackUrl("${PATH}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get("problems").get(0).get("reason").asString())
        .isEqualTo(
            "must be an absolute http(s) URL, was '${PATH}' once its references are expanded");
    assertShowsNoSecret("the answer", refused.body());
    assertNothingShowsASecret();
  }

  @Test
  void aUrlReferringToASpringPropertyIsRefusedWithoutItsValue() {
    for (String property :
        List.of("spring.datasource.password", "test.secret", "SLACK_WEBHOOK_URL")) {
      HttpResponse<String> refused = patchSlackUrl("${" + property + "}");

      assertThat(refused.statusCode()).as(property).isEqualTo(400);
      assertThat(refused.body()).contains("${" + property + "}");
      assertShowsNoSecret(property, refused.body());
    }
    assertNothingShowsASecret();
  }

  @Test
  void aValidReferenceIsKeptAsWrittenInTheFileAndTheApi() throws IOException {
    HttpResponse<String> patched = patchSlackUrl("${TP_SECRET_URL}");

    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.body()).contains("${TP_SECRET_URL}");
    assertThat(Files.readString(dir.resolve("rules.yaml"))).contains("${TP_SECRET_URL}");
    assertShowsNoSecret("the answer", patched.body());
    assertShowsNoSecret("the rules file", Files.readString(dir.resolve("rules.yaml")));
    assertNothingShowsASecret();
  }

  /**
   * 300 seeded requests (whole documents as YAML or JSON, and merge patches) full of references of
   * every form in every field: each is answered 200 or a 4xx problem, never a 5xx, and neither the
   * answers, the rules they leave, nor the log show a secret.
   */
  @Test
  void generatedDocumentsAndPatchesAreAnsweredWithoutEverShowingASecret() {
    AdversarialChannels generator = new AdversarialChannels(20261207L);
    Random random = new Random(20261207L);
    List<String> inForce = new ArrayList<>(); // the generated channels of the rules in force
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 300; i++) {
      List<String> names;
      HttpResponse<String> response;
      if (random.nextInt(3) == 0) {
        ObjectNode doc = generator.document();
        names = List.copyOf(doc.get("channels").propertyNames());
        response =
            random.nextBoolean()
                ? app.api(
                    "PUT",
                    "/api/rules",
                    "application/yaml",
                    RulesRepository.YAML.writeValueAsString(doc))
                : app.api("PUT", "/api/rules", "application/json", doc.toString());
      } else {
        ObjectNode patch = JSON.createObjectNode();
        ObjectNode channels = patch.putObject("channels");
        inForce.forEach(channels::putNull);
        names = generator.addChannels(channels);
        ArrayNode to =
            patch.putObject("rules").putObject("active_tenants_drop").putArray("channels");
        names.stream().filter(n -> random.nextBoolean()).forEach(to::add);
        response = app.api("PATCH", "/api/rules", "application/merge-patch+json", patch.toString());
      }
      String what = "request " + i + " (" + response.statusCode() + ")";
      assertShowsNoSecret(what, response.body());
      if (response.statusCode() == 200) {
        accepted++;
        inForce = names;
      } else {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isBetween(400, 499);
        assertThat(json(response).get("code")).as(what).isNotNull();
        refused++;
      }
    }
    assertThat(accepted).as("accepted").isGreaterThan(10);
    assertThat(refused).as("refused").isGreaterThan(150);
    assertNothingShowsASecret();
  }

  /**
   * Settings are expanded when sending (the receivers get the values), and what a delivery failure
   * leaves in the outbox, the API and the log cites the references: even when the receiver echoes
   * the whole request, and when it cannot be reached.
   */
  @Test
  void deliveryErrorsCiteReferencesNeverValues() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort(); // nothing listens there once closed
    }
    HttpResponse<String> put =
        app.api(
            "PUT",
            "/api/rules",
            "application/yaml",
            """
            channels:
              slack: {type: slack, url: '${TP_SECRET_ECHO_URL}'}
              hook: {type: webhook, url: '%s', secret: '${TP_SECRET_HMAC}'}
              pd: {type: pagerduty, routing_key: '${TP_SECRET_KEY}', url: '${TP_SECRET_ECHO_URL}'}
              down: {type: webhook, url: 'http://127.0.0.1:%d/${TP_SECRET_TOKEN}', secret: '${TP_SECRET_HMAC}'}
              mail: {type: email, to: ['${TP_SECRET_MAIL}']}
            rules:
              active_tenants_drop: {for: 0s, channels: [slack, hook, pd, down, mail]}
            """
                .formatted(receiver.url("/hook"), closed));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    tables.activeHour(H, 70, 100.0, 0.30);
    app.api("POST", "/api/rules/active_tenants_drop/evaluate", null, null);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode outbox = json(app.api("GET", "/api/notifications", null, null));
              if (outbox.size() < 5) {
                return false;
              }
              for (JsonNode entry : outbox) {
                if (entry.get("attempts").asInt() == 0) {
                  return false;
                }
              }
              return true;
            });

    // Expanded when sending.
    List<RecordingHttpServer.Request> echoed =
        receiver.requests().stream().filter(r -> r.path().equals("/echo/Zq4b5c-path")).toList();
    assertThat(echoed).hasSize(2);
    assertThat(echoed)
        .anySatisfy(
            r ->
                assertThat(r.text())
                    .contains("\"routing_key\":\"" + ENV.get("TP_SECRET_KEY") + "\""));
    RecordingHttpServer.Request hook =
        receiver.requests().stream()
            .filter(r -> r.path().equals("/hook"))
            .findFirst()
            .orElseThrow();
    assertThat(hook.header(WebhookSender.SIGNATURE_HEADER))
        .isEqualTo("sha256=" + WebhookSender.hmacSha256Hex(ENV.get("TP_SECRET_HMAC"), hook.body()));
    assertThat(smtp.messages())
        .singleElement()
        .satisfies(m -> assertThat(m.to()).containsExactly(ENV.get("TP_SECRET_MAIL")));

    // Cited as written.
    Map<String, String> errors = new HashMap<>();
    for (JsonNode entry : json(app.api("GET", "/api/notifications", null, null))) {
      errors.put(entry.get("channel").asString(), entry.path("last_error").asString(""));
    }
    assertThat(errors.get("slack"))
        .startsWith(
            "POST ${TP_SECRET_ECHO_URL} answered 400: POST (the path of ${TP_SECRET_ECHO_URL})");
    assertThat(errors.get("pd"))
        .startsWith("POST ${TP_SECRET_ECHO_URL} answered 400")
        .contains("\"routing_key\":\"${TP_SECRET_KEY}\"");
    assertThat(errors.get("down"))
        .isEqualTo("POST http://127.0.0.1:" + closed + " failed: java.net.ConnectException");
    assertThat(errors.get("mail")).isEmpty();
    assertNothingShowsASecret();
  }

  @Test
  void onlyVariablesWithTheConfiguredPrefixMayBeReferredTo() throws IOException {
    Path rules = dir.resolve("prefixed-rules.yaml");
    Files.writeString(rules, RULES);
    try (RunningAlerting prefixed =
        RunningAlerting.start(
            tables.database(),
            clock,
            properties(
                Map.of(
                    "spring.datasource.url",
                    "jdbc:h2:mem:prefixed",
                    "tenant-pulse.alerting.rules-file",
                    rules.toString(),
                    "tenant-pulse.alerting.secrets.allowed-prefix",
                    "TP_SECRET_")),
            environment)) {
      HttpResponse<String> refused =
          prefixed.api(
              "PATCH",
              "/api/rules",
              "application/merge-patch+json",
              "{\"channels\": {\"pd\": {\"type\": \"pagerduty\", \"routing_key\": \"${OTHER_SECRET}\"}}}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(json(refused).get("problems").get(0).get("reason").asString())
          .isEqualTo(
              "refers to ${OTHER_SECRET}, which is not allowed:"
                  + " tenant-pulse.alerting.secrets.allowed-prefix is TP_SECRET_");
      assertThat(
              prefixed
                  .api(
                      "PATCH",
                      "/api/rules",
                      "application/merge-patch+json",
                      "{\"channels\": {\"pd\": {\"type\": \"pagerduty\", \"routing_key\": \"${TP_SECRET_KEY}\"}}}")
                  .statusCode())
          .isEqualTo(200);
    }
    assertNothingShowsASecret();
  }
}
