package dev.tenantpulse.tenancy.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Each bad catalog is the default one with one mistake, so the message must name that mistake. */
class CatalogLoadingTests {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  static Stream<Arguments> badCatalogs() {
    return Stream.of(
        bad(
            "unknown feature in a plan",
            c -> plan(c, 0).withArrayProperty("features").add("ssoo"),
            "plan \"starter\" lists unknown feature \"ssoo\" (not in features)"),
        bad(
            "duplicate plan id",
            c -> plan(c, 1).put("id", "starter"),
            "duplicate plan id \"starter\""),
        bad(
            "duplicate feature id",
            c -> features(c).addObject().put("id", "sso").put("description", "again"),
            "duplicate feature id \"sso\""),
        bad(
            "value step not in the steps",
            c -> onboarding(c).put("value_step", "first_vlaue"),
            "value step \"first_vlaue\" is not one of the steps"),
        bad(
            "completion step not in the steps",
            c -> onboarding(c).put("completion_step", "done"),
            "completion step \"done\" is not one of the steps"),
        bad(
            "missing price for a billing model",
            c -> plan(c, 1).withObjectProperty("prices").remove("usage"),
            "plans[1]: plan professional: missing price for billing model usage"),
        bad(
            "bad plan id syntax",
            c -> plan(c, 2).put("id", "Enterprise Plan"),
            "plan id \"Enterprise Plan\" must match [a-z][a-z0-9_]{0,63}"),
        bad(
            "bad feature id syntax",
            c -> ((ObjectNode) features(c).get(0)).put("id", "API-access"),
            "feature id \"API-access\" must match"),
        bad(
            "bad step id syntax",
            c -> onboarding(c).withArrayProperty("steps").add("Done!"),
            "onboarding step id \"Done!\" must match"),
        bad(
            "shared rank",
            c -> plan(c, 2).put("rank", 2),
            "plans \"professional\" and \"enterprise\" share rank 2"),
        bad(
            "unknown billing model",
            c -> plan(c, 0).withObjectProperty("prices").putObject("yearly").put("amount", 400),
            "plans[0].prices.yearly: unknown billing model"),
        bad(
            "usage price without meter",
            c ->
                plan(c, 0).withObjectProperty("prices").withObjectProperty("usage").remove("meter"),
            "plans[0].prices.usage.meter: is required"),
        bad(
            "negative price",
            c ->
                plan(c, 0)
                    .withObjectProperty("prices")
                    .withObjectProperty("flat")
                    .put("amount", -1),
            "flat price must not be negative, got -1"),
        bad(
            "price amount as text",
            c ->
                plan(c, 0)
                    .withObjectProperty("prices")
                    .withObjectProperty("flat")
                    .put("amount", "49"),
            "plans[0].prices.flat.amount: is required and must be a number"),
        bad(
            "fractional rank",
            c -> plan(c, 0).put("rank", new BigDecimal("1.5")),
            "plans[0].rank: must be an integer"),
        bad(
            "reserved plan id",
            c -> plan(c, 0).put("id", "unknown"),
            "plan id \"unknown\" is reserved"),
        bad(
            "misspelt property",
            c -> c.set("onboardng", c.remove("onboarding")),
            "onboardng: unknown property"),
        bad("missing onboarding", c -> c.remove("onboarding"), "onboarding: is required"),
        bad("unknown currency", c -> c.put("currency", "DOLLAR"), "\"DOLLAR\" is not an ISO 4217"),
        bad("no plans", c -> c.putArray("plans"), "the catalog defines no plans"));
  }

  private static Arguments bad(String name, Consumer<ObjectNode> mistake, String message) {
    return arguments(named(name, mistake), message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCatalogs")
  void refusesABadCatalogNamingTheProblem(Consumer<ObjectNode> mistake, String message) {
    ObjectNode catalog = defaultJson();
    mistake.accept(catalog);

    assertThatThrownBy(() -> load(catalog))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("test-catalog.json");
  }

  @Test
  void reportsEveryProblemOfACatalogAtOnce() {
    ObjectNode catalog = defaultJson();
    plan(catalog, 0).withArrayProperty("features").add("ssoo");
    plan(catalog, 1).withObjectProperty("prices").remove("flat");
    onboarding(catalog).put("value_step", "first_vlaue");

    assertThatThrownBy(() -> load(catalog))
        .isInstanceOfSatisfying(
            InvalidCatalogException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anySatisfy(p -> assertThat(p).contains("unknown feature \"ssoo\""))
                    .anySatisfy(p -> assertThat(p).contains("missing price for billing model flat"))
                    .anySatisfy(p -> assertThat(p).contains("value step \"first_vlaue\"")));
  }

  @Test
  void refusesTextThatIsNotJson() {
    InputStream in = new ByteArrayInputStream("{\"plans\": [".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> PlanCatalog.load(in, "broken.json"))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("broken.json")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void refusesDuplicateKeysInTheFile() {
    String json = "{\"currency\": \"USD\", \"currency\": \"EUR\"}";
    InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> PlanCatalog.load(in, "dup.json"))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("Duplicate");
  }

  @Test
  void loadsTheUnchangedDefaultJson() {
    assertThat(load(defaultJson()).plans()).isEqualTo(PlanCatalog.defaultCatalog().plans());
  }

  private static PlanCatalog load(ObjectNode catalog) {
    byte[] bytes = MAPPER.writeValueAsBytes(catalog);
    return PlanCatalog.load(new ByteArrayInputStream(bytes), "test-catalog.json");
  }

  private static ObjectNode defaultJson() {
    try (InputStream in = PlanCatalog.class.getResourceAsStream(PlanCatalog.DEFAULT_RESOURCE)) {
      return (ObjectNode) MAPPER.readTree(in);
    } catch (IOException e) {
      throw new AssertionError("default catalog unreadable", e);
    }
  }

  private static ObjectNode plan(ObjectNode catalog, int index) {
    return (ObjectNode) catalog.withArrayProperty("plans").get(index);
  }

  private static ArrayNode features(ObjectNode catalog) {
    return catalog.withArrayProperty("features");
  }

  private static ObjectNode onboarding(ObjectNode catalog) {
    return catalog.withObjectProperty("onboarding");
  }
}
