package dev.tenantpulse.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.Http;
import dev.tenantpulse.standalone.support.RunningRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/sql} over real HTTP, on the runtime's chDB engine. */
class SqlEndpointTests {

  private static String sqlUrl() {
    return RunningRuntime.get().endpoints().console() + "/api/sql";
  }

  private static Http.Answer json(String body) {
    return Http.post(sqlUrl(), RunningRuntime.ADMIN_TOKEN, "application/json", body);
  }

  private static Http.Answer text(String query, String sql) {
    return Http.post(sqlUrl() + query, RunningRuntime.ADMIN_TOKEN, "text/plain", sql);
  }

  @Test
  void answersJsonWithNumbersArraysAndNullsAsJsonValues() {
    Http.Answer answer =
        json(
            "{\"sql\": \"SELECT 42 AS n, 'a,b' AS s, [1, 2] AS arr, NULL AS nothing,"
                + " toDecimal64(1.25, 2) AS d\"}");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.path("columns").get(0).path("name").asString()).isEqualTo("n");
    JsonNode row = body.path("rows").get(0);
    assertThat(row.get(0).isNumber()).isTrue();
    assertThat(row.get(0).asInt()).isEqualTo(42);
    assertThat(row.get(1).asString()).isEqualTo("a,b");
    assertThat(row.get(2).isArray()).isTrue();
    assertThat(row.get(2).get(1).asInt()).isEqualTo(2);
    assertThat(row.get(3).isNull()).isTrue();
    assertThat(row.get(4).decimalValue()).isEqualByComparingTo("1.25");
    assertThat(body.path("truncated").asBoolean()).isFalse();
  }

  @Test
  void answersCsvWhenTheAcceptHeaderOrTheFormatParameterAsksForIt() {
    String sql = "SELECT 'x,\"y\"' AS s, NULL AS n, 1 AS one";
    Http.Answer byAccept =
        Http.post(sqlUrl(), RunningRuntime.ADMIN_TOKEN, "text/plain", "text/csv", sql);
    Http.Answer byParameter = text("?format=csv", sql);

    for (Http.Answer answer : new Http.Answer[] {byAccept, byParameter}) {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.contentType()).startsWith("text/csv");
      assertThat(answer.body()).isEqualTo("s,n,one\r\n\"x,\"\"y\"\"\",,1\r\n");
    }
  }

  @Test
  void runsInTheTenantPulseDatabaseByDefault() {
    Http.Answer answer = text("", "SELECT count() AS c FROM events");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("rows").get(0).get(0).isNumber()).isTrue();
  }

  @Test
  void refusesWritesAndFileOutputWithForbidden() throws Exception {
    Path target = RunningRuntime.dataDir().resolve("must-not-exist.csv");

    Http.Answer insert = text("", "INSERT INTO events (tenant_id, event_id) VALUES ('a', 'b')");
    Http.Answer drop = text("", "DROP TABLE events");
    Http.Answer outfile = text("", "SELECT 1 INTO OUTFILE '" + target + "'");

    for (Http.Answer answer : new Http.Answer[] {insert, drop, outfile}) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(403);
      assertThat(answer.json().path("code").asString()).isEqualTo("read_only");
    }
    assertThat(Files.exists(target)).isFalse();
    assertThat(text("", "EXISTS TABLE events").json().path("rows").get(0).get(0).asInt())
        .isEqualTo(1);
  }

  @Test
  void cutsTheResultAtTheRowLimitAndSaysSo() {
    Http.Answer answer = text("?max_rows=10", "SELECT number FROM numbers(100000)");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.path("rows").size()).isEqualTo(10);
    assertThat(body.path("row_count").asInt()).isEqualTo(10);
    assertThat(body.path("truncated").asBoolean()).isTrue();
  }

  @Test
  void stopsAQueryAtItsTimeout() {
    Http.Answer answer =
        json(
            "{\"sql\": \"SELECT sum(cityHash64(number)) FROM numbers(100000000000)\","
                + " \"timeout_seconds\": 1}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(422);
    assertThat(answer.json().path("code").asString()).isEqualTo("query_timeout");
  }

  @Test
  void reportsSqlErrorsAsBadRequestsWithTheEngineCode() {
    Http.Answer answer = text("", "SELECT * FROM no_such_table");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("code").asString()).isEqualTo("sql_error");
    assertThat(answer.json().path("clickhouse_code").asInt()).isEqualTo(60);
    assertThat(answer.json().path("detail").asString()).contains("no_such_table");
  }

  @Test
  void refusesAFormatClauseButNotTheWordInAString() {
    Http.Answer clause = text("", "SELECT 1 FORMAT CSV");
    Http.Answer literal = text("", "SELECT 'FORMAT CSV' AS s");

    assertThat(clause.status()).isEqualTo(400);
    assertThat(clause.json().path("detail").asString()).contains("format=csv");
    assertThat(literal.status()).isEqualTo(200);
  }

  @Test
  void reportsEveryProblemOfABadRequestAtOnce() {
    Http.Answer answer = json("{\"sql\": \"\", \"max_rows\": 0, \"timeout_seconds\": 100000}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("problems").size()).isEqualTo(3);
  }

  @Test
  void refusesRequestsWithoutTheAdminToken() {
    Http.Answer none = Http.post(sqlUrl(), null, "text/plain", "SELECT 1");
    Http.Answer wrong = Http.post(sqlUrl(), "not-the-token", "text/plain", "SELECT 1");

    assertThat(none.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain(RunningRuntime.ADMIN_TOKEN);
  }
}
