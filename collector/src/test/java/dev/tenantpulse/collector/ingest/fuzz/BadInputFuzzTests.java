package dev.tenantpulse.collector.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A few hundred generated bad requests ({@link BadRequests}) against both ingestion endpoints. Each
 * must get a clear 4xx (a problem with {@code code} and {@code detail}, no stack trace) or, when it
 * is a well-formed batch, a 200 that rejects exactly its bad items with a reason; never a 5xx. The
 * service must stay healthy: valid batches sent afterwards are accepted.
 *
 * <p>Deterministic: the seed is fixed ({@code -Dfuzz.seed=} to try another, {@code -Dfuzz.rounds=}
 * for more), and every failure names its case.
 */
@CollectorTest
class BadInputFuzzTests extends CollectorTestBase {

  private static final long SEED = Long.getLong("fuzz.seed", 20261127L);
  private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 8);
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void everyBadRequestGetsAClear4xxOrItsBadItemsRejectedAndNever5xx() {
    BadRequests generator = new BadRequests(SEED, SERVER_KEY);
    List<FuzzCase> cases = generator.generate(ROUNDS);
    List<String> failures = new ArrayList<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    for (FuzzCase c : cases) {
      HttpResponse<String> response = send(c);
      String problem = judge(c, response);
      if (problem != null) {
        failures.add(c + ": " + problem);
      }
      outcomes.merge(outcome(response), 1, Integer::sum);
    }
    assertThat(cases).hasSizeGreaterThan(300);
    assertThat(failures).as("seed %d, %d cases", SEED, cases.size()).isEmpty();
    // The generator reaches every refusal, not just the first check in line (say, all 401s).
    assertThat(outcomes)
        .as("answers by code")
        .containsKeys(
            "200",
            "empty_body",
            "empty_batch",
            "malformed_json",
            "malformed_body",
            "invalid_utf8",
            "too_large",
            "malformed_gzip",
            "unsupported_encoding",
            "unsupported_media_type",
            "unauthorized");

    for (Api api : Api.values()) {
      String id = generator.nextId();
      FuzzCase valid =
          new FuzzCase(
              "valid afterwards",
              api,
              api.body(List.of(api.valid(id))).getBytes(StandardCharsets.UTF_8),
              Map.of(
                  "Content-Type",
                  "application/json",
                  "Authorization",
                  api.authorization(SERVER_KEY)),
              Set.of(),
              1);
      HttpResponse<String> response = send(valid);
      assertThat(response.statusCode()).as(api + " after the fuzzing").isEqualTo(200);
      assertThat(json(response).get("accepted").asInt()).isEqualTo(1);
    }
  }

  /** "200", or the problem's code. */
  private static String outcome(HttpResponse<String> response) {
    if (response.statusCode() == 200) {
      return "200";
    }
    try {
      return JSON.readTree(response.body()).path("code").asString("?");
    } catch (JacksonException e) {
      return "?";
    }
  }

  /** Null when the answer is right for the case, else what is wrong with it. */
  private static String judge(FuzzCase c, HttpResponse<String> response) {
    int status = response.statusCode();
    String body = response.body();
    if (status >= 500) {
      return "answered " + status + ": " + cut(body);
    }
    if (body.contains("\tat ") || body.contains("Exception") || body.contains("at tools.jackson")) {
      return "answer shows internals: " + cut(body);
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JacksonException e) {
      return "answered " + status + " with a body that is not JSON: " + cut(body);
    }
    if (status >= 400) {
      boolean problem =
          response.headers().firstValue("Content-Type").orElse("").contains("problem+json");
      if (!problem
          || json.path("code").asString("").isBlank()
          || json.path("detail").asString("").isBlank()) {
        return "answered " + status + " without a problem carrying code and detail: " + cut(body);
      }
      return null;
    }
    if (status != 200 || c.badItems() == null) {
      return "a bad body was answered " + status + ": " + cut(body);
    }
    Set<Integer> rejected = new HashSet<>();
    for (JsonNode r : json.path("rejected")) {
      if (r.path("error").asString("").isBlank()) {
        return "a rejection lacks its reason: " + cut(body);
      }
      rejected.add(r.path("index").asInt());
    }
    if (!rejected.equals(c.badItems())) {
      return "rejected " + rejected + " instead of " + c.badItems() + ": " + cut(body);
    }
    int accepted = json.path("accepted").asInt(-1);
    return accepted == c.items() - rejected.size()
        ? null
        : "accepted " + accepted + ": " + cut(body);
  }

  private HttpResponse<String> send(FuzzCase c) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(c.api().path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
    c.headers().forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("case " + c + " (seed " + SEED + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String cut(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
