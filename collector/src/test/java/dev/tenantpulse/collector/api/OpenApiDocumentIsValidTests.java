package dev.tenantpulse.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The served description ({@code GET /openapi.yaml}) is a valid OpenAPI 3.1 document that client
 * generators accept (see {@link OpenApiDocumentChecks} for what is checked), and the checks do find
 * the mistakes that made it invalid before.
 */
@CollectorTest
class OpenApiDocumentIsValidTests extends CollectorTestBase {

  private static OpenApiDocumentChecks checks;
  private String served;

  @BeforeAll
  static void loadTheOfficialSchemas() {
    checks = OpenApiDocumentChecks.load();
  }

  @BeforeEach
  void fetchTheServedDescription() {
    HttpResponse<String> response = get("/openapi.yaml", null);
    assertThat(response.statusCode()).isEqualTo(200);
    served = response.body();
  }

  @Test
  void theServedDescriptionHasNoProblem() {
    assertThat(checks.problems(served)).isEmpty();
  }

  @Test
  void findsAnUnquotedDescriptionThatYamlReadsAsAnExtraKeyword() {
    String broken =
        replaceOnce("description: 'stable, for programs'", "description: stable, for programs");

    assertThat(checks.problems(broken))
        .containsExactly(
            "Schema Object keyword unknown to the OpenAPI 3.1 dialect: "
                + "https://tenant-pulse.dev/checked/openapi.yaml#/components/schemas/Problem/properties/code/for programs");
  }

  @Test
  void findsAnUnquotedColonInABlockValueThatMakesTheDocumentNoYaml() {
    String broken =
        replaceOnce(
            "description: no key, an unknown or revoked key (`unauthorized`)",
            "description: no key: an unknown or revoked key (`unauthorized`)");

    assertThat(checks.problems(broken))
        .singleElement()
        .asString()
        .startsWith("not YAML: ")
        .contains("mapping values are not allowed here");
  }

  @Test
  void findsADescriptionInAMediaTypeAndAKeywordOfTheWrongType() {
    String broken =
        replaceOnce(
            "        text/plain:\n          schema:\n            type: string\n    SegmentMessage:",
            "        text/plain:\n          description: the same JSON, as sendBeacon sends it\n"
                + "          schema:\n            type: strings\n    SegmentMessage:");

    assertThat(checks.problems(broken))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("OpenAPI 3.1 schema: ")
                    .contains("requestBodies/SegmentBatch/content/text~1plain")
                    .contains("description"))
        .anySatisfy(p -> assertThat(p).startsWith("Schema Object ").contains("type"));
  }

  @Test
  void findsAMissingOrRepeatedOperationIdAndAnOperationWithoutA4xxAnswer() {
    String broken =
        replaceOnce("operationId: segmentImportSlash", "operationId: segmentImport")
            .replace("      operationId: revokeKey\n", "");
    broken =
        replaceIn(
            broken,
            "        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '404':\n          $ref: '#/components/responses/AdminDisabled'\n    get:",
            "    get:");
    broken =
        replaceIn(
            broken,
            "        '400':\n          description: the request names unknown fields",
            "        '500':\n          description: the request names unknown fields");

    assertThat(checks.problems(broken))
        .containsExactlyInAnyOrder(
            "POST /v1/import/: operationId segmentImport is also POST /v1/import",
            "DELETE /admin/keys/{id}: no operationId",
            "POST /admin/keys: takes input but describes no 4xx answer");
  }

  private String replaceOnce(String text, String replacement) {
    return replaceIn(served, text, replacement);
  }

  private static String replaceIn(String document, String text, String replacement) {
    assertThat(document.indexOf(text)).as(text).isNotNegative();
    assertThat(document.indexOf(text)).as(text).isEqualTo(document.lastIndexOf(text));
    return document.replace(text, replacement);
  }
}
