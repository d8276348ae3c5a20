package dev.tenantpulse.standalone.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.RunningRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ClickHouse HTTP interface at the protocol level, over real HTTP against the runtime: what a
 * request may carry, what it gets back, and what it is refused, with ClickHouse's codes.
 */
class ClickHouseHttpInterfaceTests {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TABLE = "tenant_pulse.http_interface_probe";

  @BeforeAll
  static void createProbeTable() throws Exception {
    TestUsers.baseUrl();
    try (Connection c = DriverManager.getConnection(RunningRuntime.get().warehouseUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (x UInt8) ENGINE = MergeTree ORDER BY x");
      s.execute("TRUNCATE TABLE " + TABLE);
      s.execute("INSERT INTO " + TABLE + " VALUES (1), (2)");
    }
  }

  record Answer(int status, String body, byte[] bytes, HttpResponse<byte[]> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          CLIENT.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(
          response.statusCode(),
          new String(response.body(), StandardCharsets.UTF_8),
          response.body(),
          response);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Answer post(String query, String sql) {
    return send(postRequest(query, sql));
  }

  static HttpRequest.Builder postRequest(String query, String sql) {
    return HttpRequest.newBuilder(URI.create(TestUsers.baseUrl() + "/" + query))
        .header("Authorization", basic(TestUsers.ANALYST, TestUsers.PASSWORD))
        .POST(HttpRequest.BodyPublishers.ofString(sql));
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void answersPingAndAHealthCheckGetWithOk() {
    Answer ping = send(HttpRequest.newBuilder(URI.create(TestUsers.baseUrl() + "/ping")));
    Answer root = send(HttpRequest.newBuilder(URI.create(TestUsers.baseUrl() + "/")));

    assertThat(ping.status()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("Ok.\n");
    assertThat(root.body()).isEqualTo("Ok.\n");
  }

  @Test
  void runsAQueryFromTheUrlOrTheBodyWithClickHousesHeaders() {
    Answer get =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        TestUsers.baseUrl()
                            + "/?query="
                            + encode("SELECT x FROM " + TABLE + " ORDER BY x")
                            + "&query_id=probe-1"))
                .header("X-ClickHouse-User", TestUsers.ANALYST)
                .header("X-ClickHouse-Key", TestUsers.PASSWORD));
    Answer body = post("", "SELECT sum(x) AS s FROM " + TABLE + " FORMAT JSON");

    assertThat(get.status()).as(get.body()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("1\n2\n");
    assertThat(get.header("X-ClickHouse-Format")).isEqualTo("TabSeparated");
    assertThat(get.header("X-ClickHouse-Query-Id")).isEqualTo("probe-1");
    assertThat(get.header("X-ClickHouse-Timezone")).isNotBlank();
    assertThat(get.header("X-ClickHouse-Server-Display-Name")).isNotBlank();
    assertThat(get.header("Content-Type")).startsWith("text/tab-separated-values");
    JsonNode summary = JSON.readTree(get.header("X-ClickHouse-Summary"));
    assertThat(summary.path("result_rows").asString()).isEqualTo("2");
    assertThat(summary.path("result_bytes").asString()).isEqualTo("4");
    assertThat(body.status()).as(body.body()).isEqualTo(200);
    assertThat(body.header("X-ClickHouse-Format")).isEqualTo("JSON");
    assertThat(body.json().path("data").get(0).path("s").asString()).isEqualTo("3");
  }

  @Test
  void takesTheDefaultFormatFromTheParameterOrTheHeaderAndTheQuerysOwnFormatWins() {
    Answer byParameter = post("?default_format=CSVWithNames", "SELECT 1 AS a");
    Answer byHeader =
        send(postRequest("", "SELECT 1 AS a").header("X-ClickHouse-Format", "JSONEachRow"));
    Answer clauseWins = post("?default_format=CSV", "SELECT 1 AS a FORMAT TSVWithNames");

    assertThat(byParameter.body()).isEqualTo("\"a\"\n1\n");
    assertThat(byParameter.header("Content-Type")).startsWith("text/csv");
    assertThat(byHeader.body()).isEqualTo("{\"a\":1}\n");
    assertThat(clauseWins.header("X-ClickHouse-Format")).isEqualTo("TSVWithNames");
    assertThat(clauseWins.body()).isEqualTo("a\n1\n");
  }

  @Test
  void bindsGeneratedHostileParameterValuesAsValuesNeverAsSql() {
    Random random = new Random(13);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String value = hostileText(random);
      Answer answer =
          post(
              "?param_v=" + encode(escaped(value)),
              "SELECT {v:String} AS v, (SELECT count() FROM "
                  + TABLE
                  + ") AS n FORMAT JSONEachRow");
      if (answer.status() != 200
          || !answer.json().path("v").asString().equals(value)
          || answer.json().path("n").asInt() != 2) {
        wrong.add(answer.status() + " " + answer.body());
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void refusesAWrongPasswordAnUnknownUserAndNoCredentialsWithAuthenticationFailed() {
    List<Answer> answers =
        List.of(
            send(
                postRequest("", "SELECT 1")
                    .setHeader("Authorization", basic(TestUsers.ANALYST, "wrong"))),
            send(
                postRequest("", "SELECT 1")
                    .setHeader("Authorization", basic("nobody", TestUsers.PASSWORD))),
            send(HttpRequest.newBuilder(URI.create(TestUsers.baseUrl() + "/?query=SELECT%201"))));

    for (Answer answer : answers) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(403);
      assertThat(answer.header("X-ClickHouse-Exception-Code")).isEqualTo("516");
      assertThat(answer.body())
          .startsWith("Code: 516. DB::Exception: ")
          .contains("(AUTHENTICATION_FAILED)")
          .doesNotContain(TestUsers.PASSWORD);
    }
  }

  @Test
  void givesAViewerNoSqlAndTheAdminTokenAllOfIt() {
    Answer viewer =
        send(
            postRequest("", "SELECT 1")
                .setHeader("Authorization", basic(TestUsers.VIEWER, TestUsers.PASSWORD)));
    Answer admin =
        send(
            postRequest("", "SELECT 1")
                .setHeader("Authorization", basic("admin", RunningRuntime.ADMIN_TOKEN)));

    assertThat(viewer.status()).isEqualTo(403);
    assertThat(viewer.header("X-ClickHouse-Exception-Code")).isEqualTo("497");
    assertThat(viewer.body()).contains("(ACCESS_DENIED)");
    assertThat(admin.status()).as(admin.body()).isEqualTo(200);
  }

  @Test
  void refusesWritesSetAndDdlAndTheTableIsUnchanged() {
    for (String sql :
        List.of(
            "INSERT INTO " + TABLE + " VALUES (3)",
            "ALTER TABLE " + TABLE + " DELETE WHERE 1",
            "DROP TABLE " + TABLE,
            "CREATE TABLE tenant_pulse.made_here (x UInt8) ENGINE = Memory",
            "SET readonly = 0",
            "SELECT 1; DROP TABLE " + TABLE,
            "KILL QUERY WHERE query_id = 'x'")) {
      Answer answer = post("", sql);
      assertThat(answer.status()).as(sql + " -> " + answer.body()).isBetween(400, 499);
      assertThat(answer.header("X-ClickHouse-Exception-Code")).as(sql).isNotNull();
      assertThat(answer.body()).as(sql).startsWith("Code: ");
    }
    assertThat(post("", "SELECT count() FROM " + TABLE).body()).isEqualTo("2\n");
  }

  @Test
  void letsClientsNarrowLimitsButNotRaiseThemOrChangeOtherSettings() {
    Answer narrowed =
        post(
            "?max_execution_time=10&max_result_rows=1&result_overflow_mode=break",
            "SELECT number FROM numbers(100000)");
    Answer raised = post("?max_execution_time=100000", "SELECT 1");
    Answer unknown = post("?no_such_setting=1", "SELECT 1");
    Answer notChangeable = post("?readonly=0", "SELECT 1");
    Answer inQuery = post("", "SELECT 1 SETTINGS max_threads = 1");
    Answer badValue = post("?max_threads=abc", "SELECT 1");
    Answer emptyValue = post("?max_block_size=", "SELECT 1");

    assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(200);
    assertThat(narrowed.body().lines().count()).isLessThan(100000);
    assertThat(raised.status()).isEqualTo(400);
    assertThat(raised.header("X-ClickHouse-Exception-Code")).isEqualTo("452");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("X-ClickHouse-Exception-Code")).isEqualTo("115");
    assertThat(notChangeable.status()).isEqualTo(403);
    assertThat(notChangeable.header("X-ClickHouse-Exception-Code")).isEqualTo("164");
    assertThat(badValue.status()).as(badValue.body()).isEqualTo(400);
    assertThat(badValue.header("X-ClickHouse-Exception-Code")).isEqualTo("36");
    assertThat(emptyValue.status()).as(emptyValue.body()).isEqualTo(400);
    assertThat(inQuery.status()).isEqualTo(403);
    assertThat(inQuery.body()).contains("READONLY");
  }

  @Test
  void compressesTheResponseOnlyWhenAskedAndReadsACompressedBody() throws IOException {
    byte[] sql = "SELECT number FROM numbers(1000)".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(sql);
    }
    Answer compressed =
        send(
            HttpRequest.newBuilder(URI.create(TestUsers.baseUrl() + "/?enable_http_compression=1"))
                .header("Authorization", basic(TestUsers.ANALYST, TestUsers.PASSWORD))
                .header("Accept-Encoding", "gzip")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray())));
    Answer notAsked = send(postRequest("", "SELECT 1").header("Accept-Encoding", "gzip"));

    assertThat(compressed.status()).as(compressed.body()).isEqualTo(200);
    assertThat(compressed.header("Content-Encoding")).isEqualTo("gzip");
    String text =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(compressed.bytes())).readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(text.lines().count()).isEqualTo(1000);
    assertThat(notAsked.header("Content-Encoding")).isNull();
  }

  @Test
  void streamsAResultLargerThanItsBufferWhole() {
    Answer answer = post("?default_format=RowBinary", "SELECT number FROM numbers(3000000)");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.bytes()).hasSize(3_000_000 * 8);
  }

  @Test
  void answersAnEngineErrorWithItsCodeAndStatus() {
    Answer unknownTable = post("", "SELECT * FROM tenant_pulse.no_such_table");
    Answer syntax = post("", "SELEC 1");
    Answer tooLarge = post("", "SELECT '" + "x".repeat(1 << 20) + "'");
    Answer noHandler =
        send(postRequest("", "SELECT 1").uri(URI.create(TestUsers.baseUrl() + "/play")));

    assertThat(unknownTable.status()).isEqualTo(404);
    assertThat(unknownTable.header("X-ClickHouse-Exception-Code")).isEqualTo("60");
    assertThat(unknownTable.body()).startsWith("Code: 60. DB::Exception: ");
    assertThat(syntax.status()).isEqualTo(400);
    assertThat(syntax.header("X-ClickHouse-Exception-Code")).isEqualTo("62");
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(noHandler.status()).isEqualTo(501);
  }

  @Test
  void countsQueriesByOutcomeAndCodeOnTheConsolesPrometheusEndpoint() {
    post("", "SELECT 1");
    send(postRequest("", "SELECT 1").setHeader("Authorization", basic(TestUsers.ANALYST, "wrong")));
    Answer metrics =
        send(
            HttpRequest.newBuilder(
                    URI.create(RunningRuntime.get().endpoints().console() + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + RunningRuntime.ADMIN_TOKEN));

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .containsPattern(
            "clickhouse_http_queries_seconds_count\\{code=\"0\",outcome=\"ok\"[^}]*\\} [1-9]")
        .containsPattern(
            "clickhouse_http_queries_seconds_count\\{code=\"516\",outcome=\"refused\"[^}]*\\} [1-9]");
  }

  @Test
  void answersGeneratedHostileUrlsAndHeadersWithA4xxNeverA5xx() {
    Random random = new Random(29);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String name = i % 3 == 0 ? "param_" + hostileText(random) : hostileText(random);
      String query = "?" + encode(name) + "=" + encode(hostileText(random));
      if (i % 5 == 0) {
        query = "?" + hostileText(random).replace(" ", "%");
      }
      HttpRequest.Builder request;
      try {
        request = postRequest(query, "SELECT 1");
      } catch (IllegalArgumentException notAUri) {
        continue;
      }
      if (i % 4 == 0) {
        request.header("X-ClickHouse-Format", hostileHeader(random));
      }
      if (i % 7 == 0) {
        request.setHeader("Authorization", "Basic " + hostileHeader(random));
      }
      Answer answer = send(request);
      if (answer.status() >= 500
          || (answer.status() >= 400 && !answer.body().startsWith("Code: "))) {
        wrong.add(answer.status() + " for " + query + " -> " + answer.body());
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** A parameter value as clients send it: ClickHouse reads it in the escaped (TSV) form. */
  private static String escaped(String value) {
    return value
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\u0000", "\\0");
  }

  @Test
  void refusesAParameterTheQueryLacksOrCannotParseWithA4xx() {
    Answer missing = post("", "SELECT {v:String}");
    Answer unparsable = post("?param_v=abc", "SELECT {v:UInt8}");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.header("X-ClickHouse-Exception-Code")).isEqualTo("456");
    assertThat(unparsable.status()).isBetween(400, 499);
  }

  private static String hostileText(Random random) {
    String alphabet = "ab_'\"\\\t\n{}:%&=+;/ \u00e9\u4e2d\ud83d\ude00\u0000";
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(24);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString().replace("\ud83d", "").replace("\ude00", "");
  }

  private static String hostileHeader(Random random) {
    String alphabet = "abcXYZ019+/=:_- ";
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(40);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString().strip().isEmpty() ? "x" : text.toString().strip();
  }
}
