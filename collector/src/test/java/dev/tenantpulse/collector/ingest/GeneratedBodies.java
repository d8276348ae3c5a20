package dev.tenantpulse.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Request bodies of the native API from one seed, for comparing two readers of them: batches of
 * valid events and events with every kind of bad field (wrong JSON types, missing, null, unknown
 * enum values, bad patterns, lengths, timestamps, numbers out of range), unknown fields holding
 * nested junk, huge numbers and unicode, plus bodies that are not a batch at all (truncated,
 * trailing data, duplicate keys, wrong shapes, empty and oversized batches, deep nesting).
 */
final class GeneratedBodies {

  static final String CLIENT_TENANT = "client-tenant";

  /** A body, what kind of body it was meant to be, and its text for failure messages. */
  record Body(String kind, byte[] bytes) {
    String text() {
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.length() > 4000 ? text.substring(0, 4000) + "…" : text;
    }
  }

  private static final String[] TYPES = {
    "activity",
    "feature_used",
    "onboarding_step",
    "usage",
    "tenant_signed_up",
    "plan_changed",
    "tenant_churned"
  };
  private static final String[] FIELDS = {
    "id",
    "type",
    "tenant_id",
    "timestamp",
    "user_id",
    "feature",
    "step",
    "meter",
    "quantity",
    "plan",
    "billing_model",
    "tenancy_model",
    "seats",
    "properties",
    "stripe_customer_id"
  };

  /** Values of every JSON type, some valid somewhere, most wrong for most fields. */
  private static final String[] JUNK = {
    "0",
    "-0",
    "7",
    "-3",
    "1.5",
    "1.50",
    "-0.0",
    "1e2",
    "1E-7",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "123456789012345678901234567890",
    "1e400",
    "-1e400",
    "1.7976931348623157E309",
    "4.9E-330",
    "true",
    "false",
    "null",
    "{}",
    "[]",
    "[1,\"x\",null]",
    "{\"a\":[1,{\"b\":null}],\"c\":1.0}",
    "\"\"",
    "\"   \"",
    "\"\\t\"",
    "\"x\"",
    "\"Bad value!\"",
    "\"tenant one\"",
    "\"\\u0041bc\"",
    "\"\\ud83d\\ude00\"",
    "\"😀😀\"",
    "\"ünïcödé\"",
    "\"a\\\"b\\\\c\"",
    "\"\\u2028\\u0001\"",
    "\"activity\"",
    "\"usage\"",
    "\"starter\"",
    "\"api_calls\"",
    "\"completed\"",
    "\"per_seat\"",
    "\"silo\"",
    "\"cus_ABC123\"",
    "\"cus_\"",
    "\"2026-12-07T01:00:00Z\"",
    "\"2026-12-07T01:00:00\"",
    "\"2026-12-07\"",
    "\"2026-13-01T00:00:00Z\"",
    "\"2026-02-30T00:00:00Z\"",
    "\"1999-12-31T23:59:59Z\"",
    "\"2026-12-07T02:10:00Z\"",
    "\"2026-12-07T01:00:00.1234567891Z\"",
    "\"2026-12-07T01:00:00+25:00\"",
    "\"2026-12-07T03:00:00+02:00\"",
    "\"+10000-01-01T00:00:00Z\"",
    "\"2026-12-07T01:00:00z\"",
    "\"2026-12-07 01:00:00Z\""
  };

  private final SplittableRandom random;
  private final Instant now;
  private int sequence;

  GeneratedBodies(long seed, Instant now) {
    this.random = new SplittableRandom(seed);
    this.now = now;
  }

  Body next() {
    int pick = random.nextInt(100);
    if (pick < 62) {
      return body("batch", batch(1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 12)));
    }
    if (pick < 66) {
      return body("empty batch", random.nextBoolean() ? "{\"events\":[]}" : "{ \"events\" : [ ] }");
    }
    if (pick < 72) {
      return body("not a batch", notABatch());
    }
    if (pick < 80) {
      String batch = batch(1 + random.nextInt(4));
      return body("truncated", batch.substring(0, 1 + random.nextInt(batch.length() - 1)));
    }
    if (pick < 85) {
      String[] tails = {" ", "\n\t ", " x", "{}", "]", ",", " null", "{\"events\":[]}", "\u0000"};
      String tail = tails[random.nextInt(tails.length)];
      return body(tail.isBlank() ? "batch" : "trailing", batch(1 + random.nextInt(3)) + tail);
    }
    if (pick < 91) {
      return body("duplicate key", duplicateKey());
    }
    if (pick < 93) {
      return body("oversized batch", batch(501));
    }
    if (pick < 96) {
      return body("deep", deep());
    }
    return body("huge number", hugeNumber());
  }

  private Body body(String kind, String text) {
    return new Body(kind, text.getBytes(StandardCharsets.UTF_8));
  }

  private String batch(int events) {
    StringBuilder out = new StringBuilder();
    out.append('{').append(ws());
    if (random.nextInt(5) == 0) {
      out.append("\"sent_at\":").append(junk()).append(',').append(ws());
    }
    out.append("\"events\"").append(ws()).append(':').append(ws()).append('[');
    for (int i = 0; i < events; i++) {
      if (i > 0) {
        out.append(',').append(ws());
      }
      out.append(random.nextInt(40) == 0 ? junk() : event());
    }
    out.append(']');
    if (random.nextInt(5) == 0) {
      out.append(',').append(ws()).append("\"context\":").append(value(3));
    }
    return out.append(ws()).append('}').toString();
  }

  private String event() {
    String type = TYPES[random.nextInt(TYPES.length)];
    List<String[]> fields = new ArrayList<>();
    for (String field : FIELDS) {
      String value = valid(field, type);
      if (value != null) {
        fields.add(new String[] {field, value});
      }
    }
    if (random.nextBoolean()) {
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        String field = FIELDS[random.nextInt(FIELDS.length)];
        fields.removeIf(f -> f[0].equals(field));
        int how = random.nextInt(10);
        if (how < 2) {
          continue; // missing
        }
        fields.add(new String[] {field, how < 3 ? "null" : how < 6 ? junk() : invalid(field)});
      }
    }
    for (int u = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0; u > 0; u--) {
      String[] names = {"extra", "context", "ID", "Type", "tenantId", "é", "", "nested"};
      String name = names[random.nextInt(names.length)] + (u > 1 ? u : "");
      fields.add(new String[] {name, value(4)});
    }
    Collections.shuffle(fields, new java.util.Random(random.nextLong()));
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(ws()).append(quote(fields.get(i)[0])).append(ws()).append(':').append(ws());
      out.append(fields.get(i)[1]);
    }
    return out.append(ws()).append('}').toString();
  }

  /** A valid value of {@code field} for an event of {@code type}; null to leave it out. */
  private String valid(String field, String type) {
    boolean plans = type.equals("tenant_signed_up") || type.equals("plan_changed");
    return switch (field) {
      case "id" -> quote(id());
      case "type" -> quote(type);
      case "tenant_id" ->
          quote(
              random.nextInt(3) == 0
                  ? CLIENT_TENANT
                  : random.nextBoolean() ? "t-" + random.nextInt(50) : "org:" + random.nextInt(9));
      case "timestamp" -> quote(timestamp());
      case "user_id" -> random.nextBoolean() ? quote("user-" + random.nextInt(100)) : null;
      case "feature" ->
          type.equals("feature_used")
              ? quote(pick("sso", "api_access", "webhooks", "brand_new_feature"))
              : null;
      case "step" ->
          type.equals("onboarding_step")
              ? quote(pick("account_created", "team_invited", "data_connected", "completed"))
              : null;
      case "meter" -> type.equals("usage") ? quote(pick("api_calls", "storage_gb")) : null;
      case "quantity" ->
          type.equals("usage")
              ? pick("0", "1", "12.5", "1.50", "1e3", "0.000", "99999999999")
              : null;
      case "plan" -> plans ? quote(pick("starter", "professional", "enterprise")) : null;
      case "billing_model" ->
          plans && random.nextBoolean() ? quote(pick("flat", "per_seat", "usage")) : null;
      case "tenancy_model" ->
          plans && random.nextBoolean() ? quote(pick("silo", "pool", "bridge")) : null;
      case "seats" -> plans && random.nextBoolean() ? pick("0", "1", "250") : null;
      case "properties" -> random.nextInt(3) > 0 ? properties() : null;
      case "stripe_customer_id" ->
          plans && random.nextBoolean() ? quote("cus_" + Integer.toString(sequence, 36)) : null;
      default -> throw new IllegalArgumentException(field);
    };
  }

  /** A value breaking {@code field}'s own rule (not just its type). */
  private String invalid(String field) {
    return switch (field) {
      case "id", "user_id" ->
          pick("\"\"", "\"  \"", quote("x".repeat(129)), quote("😀".repeat(128)), quote("é"));
      case "type" -> pick("\"Activity\"", "\"click\"", "\"\"", "\"usage \"");
      case "tenant_id", "feature", "meter" ->
          pick("\"-lead\"", "\"a b\"", quote("t".repeat(65)), "\"ü\"", "\"\"", "\"a/b\"");
      case "timestamp" -> pick(JUNK).startsWith("\"") ? pick(JUNK) : "\"2026-12-07T01:00:00\"";
      case "step" -> pick("\"first_login\"", "\"Completed\"");
      case "quantity" ->
          pick("-1", "-0.0", "1e400", "-1e400", "\"5\"", "1e308", "123456789012345678901234567890");
      case "plan" -> pick("\"gold\"", "\"Starter\"", "\"unknown\"");
      case "billing_model", "tenancy_model" -> pick("\"monthly\"", "\"Silo\"");
      case "seats" ->
          pick("-1", "1.5", "2147483648", "1e2", "1.0", "\"3\"", "99999999999999999999");
      case "properties" -> pick("[]", "\"{}\"", "1", "[{\"a\":1}]", "true");
      case "stripe_customer_id" -> pick("\"cus_\"", "\"acct_1\"", "\"cus_a-b\"", "7");
      default -> throw new IllegalArgumentException(field);
    };
  }

  private String properties() {
    if (random.nextInt(200) == 0) {
      return "{\"blob\":" + quote("x".repeat(33_000)) + "}"; // over the 32 KiB event limit
    }
    if (random.nextInt(10) == 0) {
      return "{}";
    }
    StringBuilder out = new StringBuilder("{");
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(',');
      }
      // Keys unique: a duplicate is a malformed body (the duplicate-key bodies test that).
      String key = pick("page", "app_version", "é", "a b", "n", "k") + i;
      out.append(ws()).append(quote(key)).append(':').append(value(3));
    }
    return out.append('}').toString();
  }

  /** Any JSON value, nested up to {@code depth}; keys unique within each object. */
  private String value(int depth) {
    int pick = random.nextInt(depth > 0 ? 10 : 7);
    if (pick < 6) {
      return junk();
    }
    if (pick == 6) {
      return quote("s" + random.nextInt(1000) + pick("", "\\n", "\\\"", "é", "\\u00e9", "😀"));
    }
    int n = random.nextInt(4);
    StringBuilder out = new StringBuilder();
    if (pick < 8) {
      out.append('[');
      for (int i = 0; i < n; i++) {
        out.append(i > 0 ? "," : "").append(ws()).append(value(depth - 1));
      }
      return out.append(']').toString();
    }
    out.append('{');
    for (int i = 0; i < n; i++) {
      out.append(i > 0 ? "," : "").append(quote("k" + i)).append(':').append(value(depth - 1));
    }
    return out.append('}').toString();
  }

  private String notABatch() {
    return pick(
        "[]",
        "[" + event() + "]",
        "\"events\"",
        "42",
        "null",
        "true",
        "{}",
        "{\"event\":[" + event() + "]}",
        "{\"events\":{}}",
        "{\"events\":null}",
        "{\"events\":\"[]\"}",
        "{\"events\":" + event() + "}",
        "{\"Events\":[]}",
        "   ",
        "{\"events\":[]",
        "{\"events\":[" + event() + "],}",
        "{events:[]}",
        "{'events':[]}",
        "{\"events\":[1,]}",
        "{\"events\":[NaN]}",
        "{\"events\":[" + event() + "] /* c */}");
  }

  private String duplicateKey() {
    String event = event();
    return switch (random.nextInt(4)) {
      case 0 -> "{\"events\":[" + event + "],\"events\":[]}";
      case 1 -> "{\"events\":[" + event.replaceFirst("\\{", "{\"id\":\"dup\",") + "]}";
      case 2 ->
          "{\"events\":["
              + event
                  .replaceFirst("\\{", "{\"properties\":{\"a\":1,\"a\":2},")
                  .replace("\"properties\":{", "\"properties\":{\"a\":0,")
              + "]}";
      default -> "{\"x\":{\"k\":1,\"k\":2},\"events\":[" + event + "]}";
    };
  }

  private String deep() {
    int depth = 100 + random.nextInt(1500);
    String nested = "[".repeat(depth) + "]".repeat(depth);
    String where = pick("properties", "extra", "quantity");
    String inner = where.equals("properties") ? "{\"a\":" + nested + "}" : nested;
    return "{\"events\":["
        + event().replaceFirst("\\{", "{\"" + where + "\":" + inner + ",")
        + "]}";
  }

  private String hugeNumber() {
    String digits = "9".repeat(900 + random.nextInt(300));
    String number = pick(digits, "-" + digits, "0." + digits, "1e" + digits, digits + ".5e-3");
    String where = pick("properties", "extra", "quantity", "seats");
    String inner = where.equals("properties") ? "{\"a\":" + number + "}" : number;
    String event = event();
    event = event.replaceFirst("\"" + where + "\"\\s*:", "\"" + where + "_was\":");
    return "{\"events\":[" + event.replaceFirst("\\{", "{\"" + where + "\":" + inner + ",") + "]}";
  }

  private String id() {
    sequence++;
    return switch (random.nextInt(8)) {
      case 0 -> "ü-" + sequence + "-😀";
      case 1 -> "x".repeat(100) + sequence;
      default -> "e-" + sequence;
    };
  }

  private String timestamp() {
    Instant at = now.minusMillis(random.nextLong(86_400_000L)).minusNanos(random.nextInt(1000));
    return switch (random.nextInt(4)) {
      case 0 -> at.toString();
      case 1 -> at.atOffset(ZoneOffset.ofHours(2)).toString();
      case 2 -> at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      default -> at.atOffset(ZoneOffset.ofHoursMinutes(-5, -30)).toString();
    };
  }

  private String junk() {
    return JUNK[random.nextInt(JUNK.length)];
  }

  private String ws() {
    return switch (random.nextInt(12)) {
      case 0 -> " ";
      case 1 -> "\n  ";
      default -> "";
    };
  }

  private String pick(String... values) {
    return values[random.nextInt(values.length)];
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
