package dev.tenantpulse.billing.stripe;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the {@code error.message} (and code) of a Stripe error answer, for the ledger. */
final class StripeErrors {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int MAX = 500;

  private StripeErrors() {}

  static String message(String body) {
    try {
      JsonNode error = MAPPER.readTree(body).path("error");
      String message = error.path("message").asString("");
      String code = error.path("code").asString("");
      String text = code.isEmpty() ? message : code + ": " + message;
      return text.isEmpty() ? "no error message" : cut(text);
    } catch (RuntimeException e) {
      return "answer is not Stripe's error JSON: " + cut(body == null ? "" : body);
    }
  }

  private static String cut(String s) {
    return s.length() <= MAX ? s : s.substring(0, MAX) + "…";
  }
}
