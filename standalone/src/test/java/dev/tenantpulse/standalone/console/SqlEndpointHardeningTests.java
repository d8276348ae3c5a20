package dev.tenantpulse.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.Http;
import dev.tenantpulse.standalone.support.RunningRuntime;
import dev.tenantpulse.warehouse.chdb.HostileSql;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/sql} under attack, as reported against the running service: it reads and writes
 * nothing of the host, refuses with a 4xx and a reason, never answers 5xx, and never buffers more
 * than its caps.
 */
class SqlEndpointHardeningTests {

  private static final String TABLE = "tenant_pulse.hardening_probe";

  @TempDir static Path watched;

  @BeforeAll
  static void createProbeTable() throws Exception {
    RunningRuntime runtime = RunningRuntime.get();
    try (Connection c = DriverManager.getConnection(runtime.warehouseUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS tenant_pulse");
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (x UInt8) ENGINE = MergeTree ORDER BY x");
      s.execute("TRUNCATE TABLE " + TABLE);
      s.execute("INSERT INTO " + TABLE + " VALUES (1), (2)");
    }
  }

  private static String sqlUrl() {
    return RunningRuntime.get().endpoints().console() + "/api/sql";
  }

  private static Http.Answer text(String sql) {
    return Http.post(sqlUrl(), RunningRuntime.ADMIN_TOKEN, "text/plain", sql);
  }

  @Test
  void everyGeneratedHostileTextIsRefusedWithAReasonAndWritesNothing() throws IOException {
    // Every statement in three of its hiding forms (every form is used); the warehouse module's
    // guard test runs all of them (780) through the same driver path without HTTP's session cost.
    List<String> texts = HostileSql.sample(TABLE, watched, 3);
    assertThat(texts).hasSizeGreaterThanOrEqualTo(100);
    List<String> wrong = new ArrayList<>();
    for (String sql : texts) {
      Http.Answer answer = text(sql);
      boolean refused = answer.status() == 400 || answer.status() == 403;
      if (!refused || answer.json().path("detail").asString().isBlank()) {
        wrong.add(answer.status() + " for " + sql + " -> " + answer.body());
      }
    }
    assertThat(wrong).as("texts not refused with a 4xx and a reason").isEmpty();
    try (Stream<Path> files = Files.list(watched)) {
      assertThat(files.toList()).as("files written").isEmpty();
    }
    Http.Answer rows = text("SELECT count() FROM " + TABLE);
    assertThat(rows.json().path("rows").get(0).get(0).asInt()).isEqualTo(2);
  }

  @Test
  void theReportedProbesGetAClearForbiddenOrBadRequest() {
    Path outfile = watched.resolve("p.txt");
    Http.Answer readsAFile = text("SELECT file('/etc/hostname')");
    Http.Answer readsTheEnvironment = text("SELECT length(file('/proc/self/environ'))");
    Http.Answer writesAFile =
        text(
            "SELECT 'x' INTO OUTFILE '"
                + outfile
                + "' TRUNCATE FORMAT RawBLOB # '\nSELEC broken second statement");
    Http.Answer runsAFile = text("\\i /etc/hostname");

    assertThat(readsAFile.status()).isEqualTo(403);
    assertThat(readsAFile.json().path("code").asString()).isEqualTo("read_only");
    assertThat(readsAFile.json().path("detail").asString()).contains("function file");
    assertThat(readsTheEnvironment.status()).isEqualTo(403);
    assertThat(writesAFile.status()).isEqualTo(400);
    assertThat(writesAFile.json().path("detail").asString()).contains("Syntax error");
    assertThat(outfile).doesNotExist();
    assertThat(runsAFile.status()).isEqualTo(400);
  }

  @Test
  void aTupleWithAQuotedElementNameIsAnsweredNotA500() {
    Http.Answer answer = text("SELECT CAST(tuple(1), 'Tuple(`a(` UInt8)') AS t");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("rows").size()).isEqualTo(1);
  }

  @Test
  void aResultOverTheByteCapIsRefusedNotBuffered() {
    Http.Answer answer = text("SELECT repeat('x', 1000000) FROM numbers(300)");

    assertThat(answer.status()).as(answer.body()).isEqualTo(422);
    assertThat(answer.json().path("code").asString()).isEqualTo("result_too_large");
  }

  @Test
  void aBodyOverTheCapIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
    byte[] big = ("SELECT '" + "x".repeat(SqlController.MAX_BODY_BYTES) + "'").getBytes();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest declared =
        HttpRequest.newBuilder(URI.create(sqlUrl()))
            .header("Authorization", "Bearer " + RunningRuntime.ADMIN_TOKEN)
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofByteArray(big))
            .build();
    HttpRequest chunked =
        HttpRequest.newBuilder(URI.create(sqlUrl()))
            .header("Authorization", "Bearer " + RunningRuntime.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(big)))
            .build();

    for (HttpRequest request : List.of(declared, chunked)) {
      HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
      assertThat(answer.body()).contains("body_too_large");
    }
  }

  @Test
  void aStatementTooLargeForTheParserIsRefusedBeforeParsing() {
    // Under the body cap but over ClickHouse's max_query_size once multi-byte characters count.
    Http.Answer answer = text("SELECT '" + "é".repeat(200_000) + "'");

    assertThat(answer.status()).as(answer.body()).isEqualTo(413);
    assertThat(answer.json().path("code").asString()).isEqualTo("query_too_large");
  }
}
