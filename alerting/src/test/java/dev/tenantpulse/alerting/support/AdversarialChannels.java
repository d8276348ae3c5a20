package dev.tenantpulse.alerting.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded rules documents whose channel settings are full of {@code ${...}}: references to set
 * variables with secret values (valid and invalid once expanded), to unset ones, to Spring
 * properties, nested, escaped, with defaults, unclosed, in unicode, very long, in every field and
 * in fields that do not exist. For tests that no secret's value is ever shown.
 */
public final class AdversarialChannels {

  /**
   * The test environment: every value holds a marker ({@code Zq…}) that no answer or log line may
   * contain, alone or as part of the value.
   */
  public static final Map<String, String> ENVIRONMENT = environment();

  /** Spring property names, which references must never reach. */
  public static final List<String> SPRING_PROPERTIES =
      List.of(
          "spring.datasource.password",
          "tenant-pulse.alerting.admin-token",
          "test.secret",
          "spring.mail.password");

  /** Names that look right but are not set (one of them is set as a Spring property). */
  public static final List<String> UNSET =
      List.of("TP_SECRET_UNSET", "SLACK_WEBHOOK_URL", "SPRING_DATASOURCE_PASSWORD", "X");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> LITERALS =
      List.of(
          "https://",
          "http://",
          "http://127.0.0.1:9/",
          "hooks.example.com",
          "/services/",
          ":8443",
          "@example.com",
          "oncall",
          "?token=",
          "#",
          " ",
          "$",
          "{",
          "}",
          "ü",
          "\uD83D\uDD11",
          "\\",
          "\"");

  private final Random random;
  private int channels;

  public AdversarialChannels(long seed) {
    this.random = new Random(seed);
  }

  /** Every string that must never be shown: each value of the environment and its marker. */
  public static List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    for (String value : ENVIRONMENT.values()) {
      if (!value.isEmpty()) {
        secrets.add(value);
        int marker = value.indexOf("Zq");
        secrets.add(value.substring(marker, marker + 6));
      }
    }
    return secrets;
  }

  /**
   * A whole document: 1-3 generated channels, and {@code active_tenants_drop} sending to some of
   * them.
   */
  public ObjectNode document() {
    ObjectNode doc = NODES.objectNode();
    ObjectNode channelsNode = doc.putObject("channels");
    List<String> names = addChannels(channelsNode);
    ObjectNode rule = doc.putObject("rules").putObject("active_tenants_drop");
    rule.put("for", "0s");
    ArrayNode to = rule.putArray("channels");
    names.stream().filter(n -> random.nextBoolean()).forEach(to::add);
    if (random.nextInt(8) == 0) {
      rule.put("description", setting());
    }
    return doc;
  }

  /** Adds 1-3 channels to {@code channelsNode} and returns their names. */
  public List<String> addChannels(ObjectNode channelsNode) {
    List<String> names = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      String name = random.nextInt(20) == 0 ? setting() : "gen-" + channels++;
      channelsNode.set(name, channel());
      names.add(name);
    }
    return names;
  }

  /** One channel: a type and its fields, each setting either well-formed or adversarial. */
  public ObjectNode channel() {
    ObjectNode channel = NODES.objectNode();
    String type = pick(List.of("webhook", "slack", "pagerduty", "email", "webhook", "slack"));
    if (random.nextInt(25) == 0) {
      type = setting();
    }
    channel.put("type", type);
    boolean good = random.nextInt(4) == 0;
    switch (type) {
      case "webhook" -> {
        channel.set("url", good ? text("${TP_SECRET_URL}") : settingNode());
        channel.set("secret", good ? text("${TP_SECRET_HMAC}") : settingNode());
      }
      case "slack" -> channel.set("url", good ? text("${TP_SECRET_URL}") : settingNode());
      case "pagerduty" -> {
        channel.set("routing_key", good ? text("${TP_SECRET_KEY}") : settingNode());
        if (!good || random.nextBoolean()) {
          channel.set("url", good ? text("https://${TP_SECRET_HOST}/v2/enqueue") : settingNode());
        }
      }
      case "email" -> {
        ArrayNode to = channel.putArray("to");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
          to.add(good ? text("${TP_SECRET_MAIL}") : settingNode());
        }
      }
      default -> channel.set("url", settingNode());
    }
    if (random.nextInt(10) == 0) {
      // Fields channels do not have: refused, and still never expanded.
      channel.putObject("headers").put("Authorization", "Bearer " + setting());
      channel.put(setting(), setting());
    }
    return channel;
  }

  /** Usually a string setting; now and then another kind of value where a string belongs. */
  private JsonNode settingNode() {
    return switch (random.nextInt(30)) {
      case 0 -> NODES.numberNode(random.nextInt());
      case 1 -> NODES.arrayNode().add(setting());
      case 2 -> NODES.objectNode().put("value", setting());
      case 3 -> NODES.nullNode();
      default -> text(setting());
    };
  }

  /** 1-4 pieces of literal text and references of every form. */
  public String setting() {
    StringBuilder out = new StringBuilder();
    int pieces = 1 + random.nextInt(4);
    for (int i = 0; i < pieces; i++) {
      out.append(random.nextInt(3) == 0 ? pick(LITERALS) : reference());
    }
    return out.toString();
  }

  /** A reference in one of many forms, to a set, unset, disallowed or impossible name. */
  public String reference() {
    String name = name();
    String other = name();
    return switch (random.nextInt(16)) {
      case 0 -> "$${" + name + "}";
      case 1 -> "${${" + name + "}}";
      case 2 -> "${" + name + ":-default}";
      case 3 -> "${" + name + ":" + other + "}";
      case 4 -> "${" + name;
      case 5 -> "${}";
      case 6 -> "${ " + name + " }";
      case 7 -> "$" + name;
      case 8 -> "${" + name + "}${" + other + "}";
      case 9 -> "${" + name + "}}";
      case 10 -> "{${" + name + "}";
      case 11 -> "${" + "A".repeat(200 + random.nextInt(5000)) + "}";
      default -> "${" + name + "}";
    };
  }

  private String name() {
    return switch (random.nextInt(10)) {
      case 0 -> pick(SPRING_PROPERTIES);
      case 1 -> pick(UNSET);
      case 2 -> pick(List.of("tp_secret_token", "ТП_SECRET", "TP-SECRET", "9TP", "TP SECRET"));
      default -> pick(List.copyOf(ENVIRONMENT.keySet()));
    };
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static JsonNode text(String value) {
    return NODES.stringNode(value);
  }

  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    // Expands to valid settings: a URL, a host, a routing key, an HMAC secret, an address.
    env.put("TP_SECRET_URL", "https://hooks.example.com/services/T0/B0/Zq7f3a-url");
    env.put("TP_SECRET_HOST", "Zq91c2-host.example.net");
    env.put("TP_SECRET_TOKEN", "tok-Zq8d1e-b2c4!");
    env.put("TP_SECRET_KEY", "R0UT1NGKEY-Zq00f1-e2d3c4b5a697");
    env.put("TP_SECRET_HMAC", "hmac-Zq4a5b-0123456789abcdef");
    env.put("TP_SECRET_MAIL", "oncall-Zq5e6f@example.org");
    // Expands to invalid settings, which must be refused without being quoted.
    env.put("TP_SECRET_SHORT", "shrt~Zq2b3c");
    env.put("TP_SECRET_NOT_A_URL", "not a url Zq3b4c");
    env.put("TP_SECRET_BAD_MAIL", "no-at-sign Zq4d5e");
    env.put("TP_SECRET_UNICODE", "пароль-Zq9a8b-ß-✓");
    env.put("TP_SECRET_QUOTES", "q\"uo'te\\Zq9c0d<x>&");
    env.put("TP_SECRET_NEWLINE", "line1\nZq6e7a-line2\r\n");
    env.put("TP_SECRET_LONG", "long-Zq1f2e-" + "x".repeat(3000));
    env.put("TP_SECRET_NESTED", "Zq0a1b-nested-${TP_SECRET_TOKEN}");
    env.put("TP_SECRET_" + "L".repeat(300), "longname-Zq2c3d");
    env.put("TP_SECRET_EMPTY", "");
    // Set, but outside a TP_SECRET_ prefix; and names no reference can spell.
    env.put("OTHER_SECRET", "other-Zq3e4f");
    env.put("PATH", "/usr/Zq5a6b/bin:/bin");
    env.put("tp_secret_token", "lower-Zq6c7d");
    env.put("ТП_SECRET", "cyrillic-Zq7e8f");
    env.put("spring.datasource.password", "dbpw-Zq8a9b");
    env.put("test.secret", "property-Zq9c0e");
    return Collections.unmodifiableMap(env); // in this order: picks from it follow the seed
  }
}
