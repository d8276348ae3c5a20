package dev.tenantpulse.tenancy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The timestamp's two bounds (not before the earliest accepted instant, not more than five minutes
 * after receipt) and that no timestamp text at all makes the validator throw.
 */
class TimestampBoundsTests {

  private static final Instant RECEIVED = Instant.parse("2026-11-27T10:00:00Z");
  private static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();
  private final EventValidator validator = new EventValidator(CATALOG);

  private static JsonNode activity(String timestamp) {
    ObjectNode event = EventCodec.jsonMapper().createObjectNode();
    event.put("id", "e1").put("type", "activity").put("tenant_id", "acme");
    return event.put("timestamp", timestamp);
  }

  private List<FieldProblem> problems(EventValidator v, String timestamp) {
    return v.validate(activity(timestamp), RECEIVED).problems();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-999999999-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "1899-12-31T23:59:59.999999999Z",
        "1969-12-31T23:59:59Z",
        "1999-12-31T23:59:59.999Z",
        "2000-01-01T01:59:59.999+02:00",
        "1999-12-31T23:59:59.999999999Z"
      })
  void rejectsTimestampsBeforeTheDefaultEarliestNamingIt(String timestamp) {
    assertThat(problems(validator, timestamp))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("timestamp");
              assertThat(p.reason()).contains("before 2000-01-01T00:00:00Z");
            });
  }

  @Test
  void acceptsTheDefaultEarliestItself() {
    assertThat(EventLimits.EARLIEST_TIMESTAMP).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(problems(validator, "2000-01-01T00:00:00Z")).isEmpty();
    assertThat(problems(validator, "2000-01-01T02:00:00+02:00")).isEmpty();
  }

  @Test
  void takesTheEarliestAsAParameter() {
    EventValidator from2020 = new EventValidator(CATALOG, Instant.parse("2020-01-01T00:00:00Z"));

    assertThat(problems(from2020, "2020-01-01T00:00:00Z")).isEmpty();
    assertThat(problems(from2020, "2019-12-31T23:59:59.999999999Z"))
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("before 2020-01-01T00:00:00Z"));
    assertThat(from2020.earliestTimestamp()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
  }

  @Test
  void refusesAnEarliestOutsideWhatTheWarehouseStores() {
    assertThatThrownBy(() -> new EventValidator(CATALOG, Instant.parse("1969-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1970-01-01T00:00:00Z");
    assertThatThrownBy(() -> new EventValidator(CATALOG, Instant.parse("2300-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new EventValidator(CATALOG, EventLimits.STORABLE_FROM).earliestTimestamp())
        .isEqualTo(Instant.parse("1970-01-01T00:00:00Z"));
  }

  @Test
  void theUpperBoundIsFiveMinutesAfterReceiptToTheNanosecond() {
    assertThat(problems(validator, "2026-11-27T10:05:00Z")).isEmpty();
    assertThat(problems(validator, "2026-11-27T10:05:00.000000001Z")).hasSize(1);
  }

  /**
   * Texts at and beyond every edge of the format and the bounds. Each is either an instant within
   * the bounds or rejected with a reason; nothing throws. The expectation is written by hand.
   */
  @Test
  void everyTimestampTextIsAnInstantInBoundsOrARejectionNeverAnException() {
    List<String> accepted =
        List.of(
            "2000-01-01T00:00:00Z",
            "2000-01-01T00:00:00.000000000Z",
            "1999-12-31T22:00:00-02:00",
            "1999-12-31T06:00:00-18:00",
            "2026-11-27T10:05:00Z",
            "2026-11-28T04:05:00+18:00",
            "2026-11-27T10:00:00z",
            "2026-11-27t10:00:00Z",
            "2026-11-27T09:59:59.123456789Z",
            "2026-11-27T09:59:59.1Z",
            "2024-02-29T12:00:00Z",
            "2026-11-27T09:59:59-00:00",
            "2026-11-27T09:59:59+00:00:00",
            // ISO-8601 as java.time reads it: seconds may be left out, and the fraction empty.
            "2026-11-27T10:00Z",
            "2026-11-27T10:00:00.Z");
    List<String> rejected =
        List.of(
            "-999999999-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59.999999999Z",
            "-999999999-01-01T00:00:00+18:00",
            "+999999999-12-31T23:59:59.999999999-18:00",
            "-0001-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "1850-06-01T00:00:00Z",
            "1899-12-31T23:59:59Z",
            "1900-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999Z",
            "2000-01-01T00:00:00+00:01",
            "2026-11-27T10:05:00.001Z",
            "2026-11-28T04:05:00.001+18:00",
            "2262-04-11T23:47:16.854775807Z",
            "2262-04-11T23:47:16.854775808Z",
            "2299-12-31T23:59:59.999Z",
            "2300-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "10000-01-01T00:00:00Z",
            "2016-12-31T23:59:60Z",
            "2026-11-27T23:59:60Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T10:00:00+18:01",
            "2026-11-27T10:00:00-18:01",
            "2026-11-27T10:00:00+19:00",
            "2026-11-27T10:00:00+99:99",
            "2026-11-27T10:00:00.1234567890Z",
            "2026-11-27T10:00:00." + "1".repeat(10_000) + "Z",
            "2026-11-27T10:00:00Z ",
            " 2026-11-27T10:00:00Z",
            "2026-11-27T10:00:00Z\n",
            "2026-11-27T10:00:00",
            "2026-11-27",
            "2026-02-29T10:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "٢٠٢٦-١١-٢٧T10:00:00Z",
            "２０２６-11-27T10:00:00Z",
            "2026-11-27T10:00:00+0200",
            "2026-11-27T10:00:00Z[UTC]",
            "2026-11-27T10:00:00 Z",
            "",
            "Z",
            "9".repeat(100_000),
            "\u0000",
            "\ud800");
    List<String> wrong = new ArrayList<>();
    for (String text : accepted) {
      List<FieldProblem> problems = problems(validator, text);
      if (!problems.isEmpty()) {
        wrong.add("refused " + text + ": " + problems);
      }
    }
    for (String text : rejected) {
      List<FieldProblem> problems = problems(validator, text);
      if (problems.size() != 1
          || !problems.get(0).field().equals("timestamp")
          || problems.get(0).reason().isBlank()
          || problems.get(0).reason().length() > 400) {
        wrong.add("accepted or answered badly " + cut(text) + ": " + problems);
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static String cut(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
