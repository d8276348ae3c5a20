package dev.tenantpulse.tenancy.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of one raw event's fields that record a {@link FieldProblem} instead of throwing, so
 * the validator reports every problem at once. JSON {@code null} counts as absent: SDKs commonly
 * send {@code "user_id": null} for "no user".
 */
final class FieldReader {

  /** {@code requiredFor} value of a field every event needs. */
  static final String REQUIRED = "";

  /** {@code requiredFor} value of a field no event needs. */
  static final String OPTIONAL = null;

  private static final int MAX_ECHO = 64;

  /**
   * Where the fields come from: a parsed tree, or the values {@link StreamedEvent} captured from a
   * token stream. The reading rules below are the same for both, so both validate alike.
   */
  interface Fields {

    /** The field's value, null when absent (JSON null may be either). */
    JsonNode get(String field);

    /** The canonical text of the object {@code node}, read from field {@code field}. */
    default String canonicalObject(String field, JsonNode node) {
      return EventJson.canonicalObject(node);
    }
  }

  private final Fields event;
  private final List<FieldProblem> problems = new ArrayList<>();

  FieldReader(JsonNode event) {
    this(event::get);
  }

  FieldReader(Fields event) {
    this.event = event;
  }

  List<FieldProblem> problems() {
    return problems;
  }

  void problem(String field, String reason) {
    problems.add(new FieldProblem(field, reason));
  }

  /**
   * The string value, or null when absent. {@code requiredFor} names the events that need the field
   * ("usage events"), or is {@link #REQUIRED} or {@link #OPTIONAL}; absence is a problem unless it
   * is {@code OPTIONAL}.
   */
  String string(String field, String requiredFor) {
    JsonNode node = present(field, requiredFor);
    if (node == null) {
      return null;
    }
    if (!node.isString()) {
      problem(field, "must be a string, got " + EventJson.kind(node));
      return null;
    }
    return node.stringValue();
  }

  /** The number as a double, or null when absent or not a number. */
  Double number(String field, String requiredFor) {
    JsonNode node = present(field, requiredFor);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      problem(field, "must be a JSON number, got " + EventJson.kind(node));
      return null;
    }
    // Jackson 3's doubleValue() throws for numbers beyond double range (1e400 read as BigDecimal);
    // the Opt variant reports that as empty, so it becomes a problem instead.
    OptionalDouble value = node.doubleValueOpt();
    if (value.isEmpty()) {
      problem(field, "must be within the range of a double, got " + echo(node.toString()));
      return null;
    }
    return value.getAsDouble();
  }

  /** The integer, or null when absent, fractional or out of int range. */
  Integer integer(String field) {
    JsonNode node = present(field, OPTIONAL);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      problem(field, "must be a whole number, got " + echo(node.toString()));
      return null;
    }
    return node.intValue();
  }

  /** The object in canonical compact text, or null when absent or not an object. */
  String object(String field) {
    JsonNode node = present(field, OPTIONAL);
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      problem(field, "must be a JSON object, got " + EventJson.kind(node));
      return null;
    }
    try {
      return event.canonicalObject(field, node);
    } catch (IllegalArgumentException e) {
      // Only a tree built in code (holding a POJO node, say) gets here, never parsed JSON.
      problem(field, "cannot be written as JSON: " + e.getMessage());
      return null;
    }
  }

  /** The enum constant with this wire name, or null (a problem listing the valid names). */
  <E> E wireName(
      String field,
      String requiredFor,
      Function<String, Optional<E>> fromWire,
      List<String> valid) {
    String text = string(field, requiredFor);
    if (text == null) {
      return null;
    }
    Optional<E> value = fromWire.apply(text);
    if (value.isEmpty()) {
      problem(field, "must be one of " + String.join(", ", valid) + "; got " + echo(text));
    }
    return value.orElse(null);
  }

  private JsonNode present(String field, String requiredFor) {
    JsonNode node = event.get(field);
    if (node == null || node.isNull()) {
      if (requiredFor != null) {
        problem(
            field, requiredFor.equals(REQUIRED) ? "is required" : "is required for " + requiredFor);
      }
      return null;
    }
    return node;
  }

  /** A sender's value quoted for a reason, cut so a huge value cannot bloat the response. */
  static String echo(String value) {
    String cut = value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "…";
    return '"' + cut + '"';
  }
}
