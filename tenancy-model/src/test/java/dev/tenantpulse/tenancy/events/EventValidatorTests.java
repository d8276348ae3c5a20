package dev.tenantpulse.tenancy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class EventValidatorTests {

  static final Instant RECEIVED = Instant.parse("2026-11-27T10:00:00Z");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final String HEAD =
      "\"id\":\"e1\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T09:59:00Z\",";

  private final EventValidator validator = new EventValidator(PlanCatalog.defaultCatalog());

  /**
   * A valid event of {@code type} with the extra fields given as JSON members. A member repeating
   * one of HEAD's replaces it: Jackson trees keep the last duplicate.
   */
  private static String event(String type, String members) {
    return "{"
        + HEAD
        + "\"type\":\""
        + type
        + "\""
        + (members.isEmpty() ? "" : "," + members)
        + "}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T09:59:00Z\"}",
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T11:59:00+02:00\"}",
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T09:59:00.123456789Z\"}",
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T10:05:00Z\"}",
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"org:42_a.b-c\",\"timestamp\":\"2020-01-01T00:00:00Z\"}",
        "{\"id\":\"😀 ünïcode id\",\"type\":\"activity\",\"tenant_id\":\"9\",\"timestamp\":\"2026-11-27T09:00:00Z\"}",
        "{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\"2026-11-27T09:59:00Z\",\"user_id\":null,\"extra\":{\"x\":1}}",
      })
  void acceptsValidActivityEvents(String json) {
    assertThat(validator.validate(parse(json), RECEIVED).problems()).isEmpty();
  }

  static Stream<String> validEventsOfEveryType() {
    return Stream.of(
        event("activity", "\"user_id\":\"u-1\",\"properties\":{\"page\":\"/home\"}"),
        event("feature_used", "\"feature\":\"sso\""),
        event("feature_used", "\"feature\":\"beta.dashboard:v2\""),
        event("onboarding_step", "\"step\":\"first_value\""),
        event("usage", "\"meter\":\"api_calls\",\"quantity\":12"),
        event("usage", "\"meter\":\"storage_gb\",\"quantity\":0"),
        event("usage", "\"meter\":\"api_calls\",\"quantity\":1.5e3"),
        event(
            "tenant_signed_up",
            "\"plan\":\"starter\",\"billing_model\":\"per_seat\",\"tenancy_model\":\"pool\",\"seats\":5"),
        event("tenant_signed_up", "\"plan\":\"starter\",\"seats\":0"),
        event("plan_changed", "\"plan\":\"enterprise\",\"billing_model\":\"usage\""),
        event("plan_changed", "\"plan\":\"starter\",\"stripe_customer_id\":\"cus_NffrFeUfNV2Hib\""),
        event("tenant_churned", ""),
        event("activity", "\"id\":\"" + "x".repeat(128) + "\""));
  }

  @ParameterizedTest
  @MethodSource("validEventsOfEveryType")
  void acceptsValidEventsOfEveryType(String json) {
    ValidationResult result = validator.validate(parse(json), RECEIVED);

    assertThat(result.problems()).isEmpty();
    assertThat(result.isValid()).isTrue();
  }

  static Stream<Arguments> invalidEvents() {
    String ts = "\"timestamp\":\"2026-11-27T09:59:00Z\"";
    return Stream.of(
        invalid("{\"type\":\"activity\",\"tenant_id\":\"acme\"," + ts + "}", "id"),
        invalid(event("activity", "\"id\":\"\""), "id"),
        invalid(event("activity", "\"id\":\"   \""), "id"),
        invalid(event("activity", "\"id\":\"" + "x".repeat(129) + "\""), "id"),
        invalid(event("activity", "\"id\":17"), "id"),
        invalid("{\"id\":\"e1\",\"tenant_id\":\"acme\"," + ts + "}", "type"),
        invalid(event("login", ""), "type"),
        invalid(event("ACTIVITY", ""), "type"),
        invalid("{\"id\":\"e1\",\"type\":\"activity\"," + ts + "}", "tenant_id"),
        invalid(event("activity", "\"tenant_id\":5"), "tenant_id"),
        invalid(event("activity", "\"tenant_id\":\"-acme\""), "tenant_id"),
        invalid(event("activity", "\"tenant_id\":\"acme corp\""), "tenant_id"),
        invalid(event("activity", "\"tenant_id\":\"" + "a".repeat(65) + "\""), "tenant_id"),
        invalid("{\"id\":\"e1\",\"type\":\"activity\",\"tenant_id\":\"acme\"}", "timestamp"),
        invalid(event("activity", "\"timestamp\":\"2026-11-27T09:59:00\""), "timestamp"),
        invalid(event("activity", "\"timestamp\":\"2026-11-27\""), "timestamp"),
        invalid(event("activity", "\"timestamp\":\"yesterday\""), "timestamp"),
        invalid(event("activity", "\"timestamp\":\"2026-11-27T10:05:00.000000001Z\""), "timestamp"),
        invalid(event("activity", "\"timestamp\":1764237540"), "timestamp"),
        invalid(event("activity", "\"user_id\":42"), "user_id"),
        invalid(event("activity", "\"user_id\":\"\""), "user_id"),
        invalid(event("activity", "\"user_id\":\"" + "u".repeat(129) + "\""), "user_id"),
        invalid(event("feature_used", ""), "feature"),
        invalid(event("feature_used", "\"feature\":\"single sign-on\""), "feature"),
        invalid(event("feature_used", "\"feature\":[\"sso\"]"), "feature"),
        invalid(event("onboarding_step", ""), "step"),
        invalid(event("onboarding_step", "\"step\":\"graduated\""), "step"),
        invalid(event("usage", "\"quantity\":1"), "meter"),
        invalid(event("usage", "\"meter\":\"api calls\",\"quantity\":1"), "meter"),
        invalid(event("usage", "\"meter\":\"api_calls\""), "quantity"),
        invalid(event("usage", "\"meter\":\"api_calls\",\"quantity\":\"12\""), "quantity"),
        invalid(event("usage", "\"meter\":\"api_calls\",\"quantity\":-1"), "quantity"),
        invalid(event("usage", "\"meter\":\"api_calls\",\"quantity\":1e400"), "quantity"),
        invalid(event("usage", "\"meter\":\"api_calls\",\"quantity\":true"), "quantity"),
        invalid(event("tenant_signed_up", ""), "plan"),
        invalid(event("tenant_signed_up", "\"plan\":\"gold\""), "plan"),
        invalid(event("plan_changed", "\"plan\":\"Starter\""), "plan"),
        invalid(event("plan_changed", ""), "plan"),
        invalid(
            event("plan_changed", "\"plan\":\"starter\",\"billing_model\":\"yearly\""),
            "billing_model"),
        invalid(
            event("plan_changed", "\"plan\":\"starter\",\"tenancy_model\":\"hybrid\""),
            "tenancy_model"),
        invalid(event("plan_changed", "\"plan\":\"starter\",\"seats\":-1"), "seats"),
        invalid(event("plan_changed", "\"plan\":\"starter\",\"seats\":2.5"), "seats"),
        invalid(event("plan_changed", "\"plan\":\"starter\",\"seats\":\"3\""), "seats"),
        invalid(event("plan_changed", "\"plan\":\"starter\",\"seats\":3000000000"), "seats"),
        invalid(
            event("plan_changed", "\"plan\":\"starter\",\"stripe_customer_id\":\"acct_1\""),
            "stripe_customer_id"),
        invalid(
            event("tenant_signed_up", "\"plan\":\"starter\",\"stripe_customer_id\":\"cus_\""),
            "stripe_customer_id"),
        invalid(
            event(
                "usage",
                "\"meter\":\"api_calls\",\"quantity\":1,\"stripe_customer_id\":\"cus_A1\""),
            "stripe_customer_id"),
        invalid(event("activity", "\"stripe_customer_id\":\"cus_A1\""), "stripe_customer_id"),
        invalid(event("activity", "\"properties\":[1,2]"), "properties"),
        invalid(event("activity", "\"properties\":\"{}\""), "properties"),
        invalid("[]", FieldProblem.EVENT),
        invalid("\"activity\"", FieldProblem.EVENT));
  }

  private static Arguments invalid(String json, String field) {
    return arguments(json, field);
  }

  @ParameterizedTest(name = "[{index}] {1} <- {0}")
  @MethodSource("invalidEvents")
  void reportsTheFaultyField(String json, String field) {
    ValidationResult result = validator.validate(parse(json), RECEIVED);

    assertThat(result.isValid()).isFalse();
    assertThat(result.problems()).extracting(FieldProblem::field).containsExactly(field);
    assertThat(result.problems().get(0).reason()).isNotBlank();
  }

  @Test
  void reportsEveryProblemOfAnEventAtOnce() {
    String json =
        "{\"type\":\"usage\",\"tenant_id\":\"-x\",\"timestamp\":\"2026-11-27T10:00:00\","
            + "\"quantity\":\"12\",\"seats\":-2,\"properties\":[]}";

    ValidationResult result = validator.validate(parse(json), RECEIVED);

    assertThat(result.problems())
        .extracting(FieldProblem::field)
        .containsExactly(
            "id", "tenant_id", "timestamp", "meter", "quantity", "seats", "properties");
  }

  @Test
  void rejectsTimestampWithoutOffset() {
    ValidationResult result =
        validator.validate(
            parse(event("activity", "\"timestamp\":\"2026-11-27T09:00:00\"")), RECEIVED);

    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("needs an offset"));
  }

  @Test
  void rejectsTimestampMoreThanFiveMinutesAfterReceipt() {
    ValidationResult result =
        validator.validate(
            parse(event("activity", "\"timestamp\":\"2026-11-27T10:05:01Z\"")), RECEIVED);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> assertThat(p.reason()).contains("more than 5 minutes after the receive time"));
  }

  @Test
  void namesTheValidChoicesInReasons() {
    assertThat(reason(event("login", ""), "type"))
        .contains(
            "activity, feature_used, onboarding_step, usage, tenant_signed_up, plan_changed, tenant_churned");
    assertThat(reason(event("onboarding_step", "\"step\":\"graduated\""), "step"))
        .contains("account_created, team_invited, data_connected, first_value, completed");
    assertThat(reason(event("plan_changed", "\"plan\":\"gold\""), "plan"))
        .contains("starter, professional, enterprise");
    assertThat(
            reason(
                event("plan_changed", "\"plan\":\"starter\",\"billing_model\":\"x\""),
                "billing_model"))
        .contains("flat, per_seat, usage");
    assertThat(reason(event("activity", "\"tenant_id\":5"), "tenant_id"))
        .contains("must be a string, got number");
  }

  @Test
  void keepsTheStripeCustomerOfAPlanChange() {
    String json =
        event("plan_changed", "\"plan\":\"starter\",\"stripe_customer_id\":\"cus_Q1w2E3\"");

    TenantEvent event = validator.validate(parse(json), RECEIVED).event();

    assertThat(event.stripeCustomerId()).isEqualTo("cus_Q1w2E3");
    assertThat(new EventCodec().decode(new EventCodec().encode(event))).isEqualTo(event);
  }

  @Test
  void buildsTheEventWithEveryFieldAndTheInstantInUtc() {
    String json =
        "{\"id\":\"e1\",\"type\":\"tenant_signed_up\",\"tenant_id\":\"acme\","
            + "\"timestamp\":\"2026-11-27T11:30:00.5+02:00\",\"user_id\":\"u1\",\"plan\":\"starter\","
            + "\"billing_model\":\"flat\",\"tenancy_model\":\"silo\",\"seats\":4,"
            + "\"properties\":{ \"source\" : \"web\", \"n\": 1.10 }}";

    TenantEvent event = validator.validate(parse(json), RECEIVED).event();

    assertThat(event)
        .isEqualTo(
            TenantEvent.builder(
                    EventType.TENANT_SIGNED_UP,
                    "e1",
                    "acme",
                    Instant.parse("2026-11-27T09:30:00.5Z"))
                .userId("u1")
                .plan("starter")
                .billingModel(BillingModel.FLAT)
                .tenancyModel(TenancyModel.SILO)
                .seats(4)
                // The test's mapper reads 1.10 as a double; the codec's mapper would keep 1.10.
                .properties("{\"source\":\"web\",\"n\":1.1}")
                .build());
  }

  @Test
  void keepsPropertyNumbersExactWhenParsedWithTheCodecMapper() {
    JsonNode raw =
        EventCodec.jsonMapper()
            .readTree(event("activity", "\"properties\":{\"price\":19.90,\"big\":1e400}"));

    assertThat(validator.validate(raw, RECEIVED).event().properties())
        .isEqualTo("{\"price\":19.90,\"big\":1E+400}");
  }

  @Test
  void acceptsFeaturesOutsideTheCatalogAndLetsCallersReportThem() {
    TenantEvent event =
        validator
            .validate(parse(event("feature_used", "\"feature\":\"beta_canvas\"")), RECEIVED)
            .event();

    assertThat(event.feature()).isEqualTo("beta_canvas");
    assertThat(validator.isCatalogFeature("beta_canvas")).isFalse();
    assertThat(validator.isCatalogFeature("sso")).isTrue();
  }

  @Test
  void refusesAMissingEventWithoutThrowing() {
    assertThat(validator.validate(null, RECEIVED).problems())
        .containsExactly(new FieldProblem("event", "must be a JSON object, got nothing"));
    assertThat(validator.validate(JsonNodeFactory.instance.nullNode(), RECEIVED).isValid())
        .isFalse();
  }

  @Test
  void invalidResultRefusesToHandOutAnEvent() {
    ValidationResult result = validator.validate(parse(event("login", "")), RECEIVED);

    assertThatThrownBy(result::event)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("type: must be one of");
    assertThat(result)
        .isInstanceOfSatisfying(
            ValidationResult.Invalid.class,
            invalid -> assertThat(invalid.summary()).startsWith("type: "));
  }

  private String reason(String json, String field) {
    List<FieldProblem> problems = validator.validate(parse(json), RECEIVED).problems();
    assertThat(problems).extracting(FieldProblem::field).containsExactly(field);
    return problems.get(0).reason();
  }

  private static JsonNode parse(String json) {
    return MAPPER.readTree(json);
  }
}
