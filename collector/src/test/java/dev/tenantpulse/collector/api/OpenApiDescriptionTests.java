package dev.tenantpulse.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.auth.ApiKeyPrincipal;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import dev.tenantpulse.tenancy.events.EventLimits;
import dev.tenantpulse.tenancy.events.EventType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * The served description ({@code GET /openapi.yaml}) cannot drift from the service: every endpoint
 * the application maps is described and nothing else, every reference resolves, the enums are the
 * plan catalog's, and its examples are accepted as described.
 */
@CollectorTest
class OpenApiDescriptionTests extends CollectorTestBase {

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping handlerMapping;

  @Autowired private PlanCatalog catalog;

  private Map<String, Object> description() {
    HttpResponse<String> response = get("/openapi.yaml", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
    return new Yaml().load(response.body());
  }

  @Test
  void isOpenApi31WithAnAnswerForEveryOperation() {
    Map<String, Object> spec = description();
    assertThat(spec.get("openapi")).asString().startsWith("3.1.");
    operations(spec)
        .forEach(
            (operation, body) -> assertThat(map(body, "responses")).as(operation).isNotEmpty());
  }

  @Test
  void describesExactlyTheEndpointsTheServiceMaps() {
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
      if (info.getPatternValues().equals(Set.of("/error"))) {
        continue; // Boot's fallback error page, not an API
      }
      var methods = info.getMethodsCondition().getMethods();
      assertThat(methods)
          .as("%s maps every HTTP method: describe which it serves", info)
          .isNotEmpty();
      info.getPatternValues()
          .forEach(path -> methods.forEach(m -> mapped.add(m.name() + " " + path)));
    }
    Set<String> described = new TreeSet<>(operations(description()).keySet());
    described.removeIf(op -> op.contains(" /actuator/")); // served by actuator's own mapping

    assertThat(described).as("described endpoints").containsAll(mapped);
    assertThat(mapped).as("mapped endpoints").containsAll(described);
  }

  @Test
  void theDescribedActuatorEndpointsAnswer() {
    for (String operation : operations(description()).keySet()) {
      if (operation.startsWith("GET /actuator/")) {
        int status = get(operation.substring(4), null).statusCode();
        assertThat(status).as(operation).isIn(200, 503);
      }
    }
  }

  @Test
  void everyReferenceResolves() {
    Map<String, Object> spec = description();
    List<String> refs = new ArrayList<>();
    collectRefs(spec, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      Object target = spec;
      for (String part : ref.substring(2).split("/")) {
        target = ((Map<?, ?>) target).get(part.replace("~1", "/").replace("~0", "~"));
        assertThat(target).as(ref).isNotNull();
      }
    }
  }

  @Test
  void enumsAreThoseOfThePlanCatalogAndTheEventContract() {
    Map<String, Object> schemas = map(map(description(), "components"), "schemas");
    assertThat(map(schemas, "EventType").get("enum")).isEqualTo(EventType.wireNames());
    assertThat(map(schemas, "Plan").get("enum")).isEqualTo(catalog.planIds());
    assertThat(map(schemas, "OnboardingStep").get("enum")).isEqualTo(catalog.onboardingSteps());
    assertThat(map(schemas, "CatalogFeature").get("enum")).isEqualTo(catalog.featureIds());
    assertThat(map(schemas, "BillingModel").get("enum")).isEqualTo(BillingModel.wireNames());
    assertThat(map(schemas, "TenancyModel").get("enum")).isEqualTo(TenancyModel.wireNames());
  }

  @Test
  void describesTheEventTimeBoundsAndTheEventsOnlyServerKeysMaySend() {
    Map<String, Object> schemas = map(map(description(), "components"), "schemas");
    ApiKeyPrincipal client = new ApiKeyPrincipal("k", "client", "acme");
    List<String> serverOnly =
        Arrays.stream(EventType.values())
            .filter(type -> !client.maySend(type))
            .map(EventType::wireName)
            .toList();
    assertThat(map(schemas, "EventType").get("x-server-key-only")).isEqualTo(serverOnly);

    String timestamp =
        (String) map(map(map(schemas, "Event"), "properties"), "timestamp").get("description");
    assertThat(timestamp)
        .contains(
            "tenant-pulse.collector.events.earliest-timestamp",
            EventLimits.EARLIEST_TIMESTAMP.toString(),
            EventLimits.STORABLE_FROM.toString(),
            EventLimits.MAX_FUTURE_SKEW.toMinutes() + " minutes");
  }

  @Test
  void theRequestExamplesAreAcceptedAsDescribed() {
    Map<String, Object> examples = map(map(description(), "components"), "examples");
    Object nativeBatch = map(examples, "NativeBatch").get("value");
    HttpResponse<String> events =
        post("/v1/events", "Bearer " + SERVER_KEY, JSON.writeValueAsBytes(nativeBatch));
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(json(events).get("rejected")).isEmpty();

    Object segmentBatch = map(examples, "SegmentBatch").get("value");
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString((SERVER_KEY + ":").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> batch =
        post("/v1/batch", "Basic " + basic, JSON.writeValueAsBytes(segmentBatch));
    assertThat(batch.statusCode()).isEqualTo(200);
    assertThat(json(batch).get("success").asBoolean()).as(batch.body()).isTrue();
  }

  @Test
  void theSingleMessagePathsTakeOneMessageAndTheExampleIsAcceptedOnTheTrackPaths() {
    Map<String, Object> spec = description();
    String ref = "#/components/requestBodies/SegmentMessage";
    List<String> single =
        operations(spec).entrySet().stream()
            .filter(
                op ->
                    cast(op.getValue()).get("requestBody") instanceof Map<?, ?> body
                        && ref.equals(body.get("$ref")))
            .map(Map.Entry::getKey)
            .toList();
    List<String> calls = List.of("track", "identify", "group", "page", "screen", "alias");
    assertThat(single)
        .containsExactlyInAnyOrderElementsOf(
            calls.stream()
                .flatMap(c -> java.util.stream.Stream.of("/v1/" + c, "/v1/" + c.charAt(0)))
                .map(path -> "POST " + path)
                .toList());

    Object track = map(map(map(spec, "components"), "examples"), "SegmentTrack").get("value");
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString((SERVER_KEY + ":").getBytes(StandardCharsets.UTF_8));
    for (String path : List.of("/v1/track", "/v1/t")) {
      HttpResponse<String> answer = post(path, "Basic " + basic, JSON.writeValueAsBytes(track));
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      assertThat(json(answer).get("accepted").asInt()).as(answer.body()).isEqualTo(1);
    }
  }

  /** "METHOD /path" → operation, path items referenced from components resolved. */
  private static Map<String, Object> operations(Map<String, Object> spec) {
    Map<String, Object> operations = new java.util.TreeMap<>();
    map(spec, "paths")
        .forEach(
            (path, item) -> {
              Map<String, Object> pathItem = cast(item);
              if (pathItem.get("$ref") instanceof String ref) {
                pathItem =
                    map(
                        map(map(spec, "components"), "pathItems"),
                        ref.substring(ref.lastIndexOf('/') + 1));
              }
              pathItem.forEach(
                  (method, operation) -> {
                    if (HTTP_METHODS.contains(method)) {
                      operations.put(
                          method.toUpperCase(java.util.Locale.ROOT) + " " + path, operation);
                    }
                  });
            });
    return operations;
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if ("$ref".equals(k) && v instanceof String ref) {
              refs.add(ref);
            } else {
              collectRefs(v, refs);
            }
          });
    } else if (node instanceof List<?> l) {
      l.forEach(v -> collectRefs(v, refs));
    }
  }

  private static Map<String, Object> map(Object parent, String key) {
    Object value = ((Map<?, ?>) parent).get(key);
    assertThat(value).as(key).isInstanceOf(Map.class);
    return cast(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }
}
