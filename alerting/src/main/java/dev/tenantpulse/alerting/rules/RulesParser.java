package dev.tenantpulse.alerting.rules;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns the tree of a rules file (YAML or JSON) into a {@link RulesDocument}, or refuses it with
 * every problem at once, each naming the rule or channel, the field and the reason.
 */
public final class RulesParser {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");
  private static final Set<String> RULE_FIELDS =
      Set.of(
          "kind",
          "enabled",
          "params",
          "for",
          "evaluation_interval",
          "repeat_interval",
          "no_data_after",
          "severity",
          "channels",
          "description");
  private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
  private static final Duration DEFAULT_REPEAT = Duration.ofHours(4);

  private final SecretReferences secrets;
  private final boolean mailConfigured;

  /**
   * @param secrets checks the {@code ${NAME}} references of channel settings, which the channels
   *     keep unexpanded
   * @param mailConfigured whether an SMTP server is configured (email channels need one)
   */
  public RulesParser(SecretReferences secrets, boolean mailConfigured) {
    this.secrets = secrets;
    this.mailConfigured = mailConfigured;
  }

  /** Parses and validates; {@code source} names the origin in the error message. */
  public RulesDocument parse(JsonNode root, String source) {
    List<RuleProblem> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new InvalidRulesException(
          source,
          List.of(
              RuleProblem.document("(document)", "must be a mapping with 'channels' and 'rules'")));
    }
    for (String key : root.propertyNames()) {
      if (!key.equals("channels") && !key.equals("rules")) {
        problems.add(RuleProblem.document(key, "unknown key: expected 'channels' or 'rules'"));
      }
    }
    Map<String, ChannelConfig> channels = new LinkedHashMap<>();
    JsonNode channelsNode = root.get("channels");
    if (channelsNode != null && !channelsNode.isNull()) {
      if (!channelsNode.isObject()) {
        problems.add(RuleProblem.document("channels", "must be a mapping of name to channel"));
      } else {
        for (Map.Entry<String, JsonNode> e : channelsNode.properties()) {
          ChannelConfig channel = channel(e.getKey(), e.getValue(), problems);
          if (channel != null) {
            channels.put(e.getKey(), channel);
          }
        }
      }
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    JsonNode rulesNode = root.get("rules");
    if (rulesNode == null || rulesNode.isNull()) {
      problems.add(RuleProblem.document("rules", "is missing: a mapping of name to rule"));
    } else if (!rulesNode.isObject()) {
      problems.add(RuleProblem.document("rules", "must be a mapping of name to rule"));
    } else {
      Set<String> channelNames =
          channelsNode != null && channelsNode.isObject()
              ? Set.copyOf(channelsNode.propertyNames())
              : Set.of();
      for (Map.Entry<String, JsonNode> e : rulesNode.properties()) {
        Rule rule = rule(e.getKey(), e.getValue(), channelNames, problems);
        if (rule != null) {
          rules.put(e.getKey(), rule);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRulesException(source, problems);
    }
    return new RulesDocument(channels, rules, root);
  }

  private Rule rule(String name, JsonNode node, Set<String> channelNames, List<RuleProblem> out) {
    List<RuleProblem> problems = new ArrayList<>();
    if (!NAME.matcher(name).matches()) {
      problems.add(
          RuleProblem.rule(
              name, "(name)", "must be 1-100 of a-z, 0-9, '_', '.', '-' starting with a-z or 0-9"));
    }
    if (node == null || !node.isObject()) {
      out.add(RuleProblem.rule(name, "(rule)", "must be a mapping of the rule's fields"));
      return null;
    }
    for (String field : node.propertyNames()) {
      if (!RULE_FIELDS.contains(field)) {
        problems.add(
            RuleProblem.rule(name, field, "unknown field: expected one of " + sorted(RULE_FIELDS)));
      }
    }
    String kindText =
        text(node, "kind", problems, p -> RuleProblem.rule(name, "kind", p), false, null);
    if (kindText == null && RuleKind.byId(name).isPresent()) {
      kindText = name; // a built-in rule may leave out its kind
    }
    RuleKind kind = null;
    if (kindText == null) {
      problems.add(RuleProblem.rule(name, "kind", "is missing: one of " + RuleKind.ids()));
    } else {
      kind = RuleKind.byId(kindText).orElse(null);
      if (kind == null) {
        problems.add(
            RuleProblem.rule(
                name, "kind", "unknown kind '" + kindText + "': one of " + RuleKind.ids()));
      }
    }
    boolean enabled = true;
    JsonNode enabledNode = node.get("enabled");
    if (enabledNode != null) {
      if (enabledNode.isBoolean()) {
        enabled = enabledNode.booleanValue();
      } else {
        problems.add(RuleProblem.rule(name, "enabled", "must be true or false"));
      }
    }
    Map<String, Object> params = kind == null ? Map.of() : params(name, kind, node, problems);
    Duration forDuration =
        duration(name, node, "for", kind == null ? Duration.ZERO : kind.defaultFor(), 0, problems);
    Duration interval =
        duration(name, node, "evaluation_interval", DEFAULT_INTERVAL, 1000, problems);
    Duration repeat = duration(name, node, "repeat_interval", DEFAULT_REPEAT, 1000, problems);
    Duration noData =
        duration(
            name,
            node,
            "no_data_after",
            kind == null ? Duration.ofHours(2) : kind.defaultNoDataAfter(),
            1000,
            problems);
    Severity severity = kind == null ? Severity.WARNING : kind.defaultSeverity();
    String severityText =
        text(node, "severity", problems, p -> RuleProblem.rule(name, "severity", p), false, null);
    if (severityText != null) {
      try {
        severity = Severity.valueOf(severityText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            RuleProblem.rule(
                name,
                "severity",
                "unknown severity '" + severityText + "': critical, error, warning or info"));
      }
    }
    List<String> channels = new ArrayList<>();
    JsonNode channelsNode = node.get("channels");
    if (channelsNode != null && !channelsNode.isNull()) {
      if (!channelsNode.isArray()) {
        problems.add(RuleProblem.rule(name, "channels", "must be a list of channel names"));
      } else {
        for (int i = 0; i < channelsNode.size(); i++) {
          JsonNode c = channelsNode.get(i);
          if (!c.isString()) {
            problems.add(RuleProblem.rule(name, "channels[" + i + "]", "must be a channel name"));
          } else if (!channelNames.contains(c.asString())) {
            problems.add(
                RuleProblem.rule(
                    name,
                    "channels[" + i + "]",
                    "no channel named '"
                        + c.asString()
                        + "' (defined: "
                        + sorted(channelNames)
                        + ")"));
          } else if (channels.contains(c.asString())) {
            problems.add(
                RuleProblem.rule(
                    name, "channels[" + i + "]", "'" + c.asString() + "' is listed twice"));
          } else {
            channels.add(c.asString());
          }
        }
      }
    }
    String description =
        text(
            node,
            "description",
            problems,
            p -> RuleProblem.rule(name, "description", p),
            false,
            "");
    out.addAll(problems);
    if (!problems.isEmpty()) {
      return null;
    }
    return new Rule(
        name,
        kind,
        enabled,
        params,
        forDuration,
        interval,
        repeat,
        noData,
        severity,
        channels,
        description);
  }

  private static Map<String, Object> params(
      String rule, RuleKind kind, JsonNode node, List<RuleProblem> problems) {
    Map<String, Object> values = new HashMap<>();
    for (ParamSpec spec : kind.params()) {
      values.put(spec.name(), spec.defaultValue());
    }
    JsonNode paramsNode = node.get("params");
    if (paramsNode == null || paramsNode.isNull()) {
      return values;
    }
    if (!paramsNode.isObject()) {
      problems.add(RuleProblem.rule(rule, "params", "must be a mapping of parameter to value"));
      return values;
    }
    for (Map.Entry<String, JsonNode> e : paramsNode.properties()) {
      String field = "params." + e.getKey();
      ParamSpec spec = kind.param(e.getKey()).orElse(null);
      if (spec == null) {
        problems.add(
            RuleProblem.rule(
                rule,
                field,
                "unknown parameter of "
                    + kind.id()
                    + ": expected one of "
                    + kind.params().stream().map(ParamSpec::name).toList()));
        continue;
      }
      JsonNode v = e.getValue();
      switch (spec.type()) {
        case FLAG -> {
          if (v.isBoolean()) {
            values.put(spec.name(), v.booleanValue());
          } else {
            problems.add(RuleProblem.rule(rule, field, "must be true or false, was " + v));
          }
        }
        case CHOICE -> {
          if (v.isString() && spec.choices().contains(v.asString())) {
            values.put(spec.name(), v.asString());
          } else {
            problems.add(
                RuleProblem.rule(rule, field, "must be one of " + spec.choices() + ", was " + v));
          }
        }
        case NUMBER, INTEGER -> {
          boolean integral = spec.type() == ParamSpec.Type.INTEGER;
          if (!v.isNumber() || (integral && !v.canConvertToExactIntegral())) {
            problems.add(
                RuleProblem.rule(
                    rule,
                    field,
                    "must be " + (integral ? "an integer" : "a number") + ", was " + v));
          } else if (v.doubleValue() < spec.min()
              || v.doubleValue() > spec.max()
              || Double.isNaN(v.doubleValue())) {
            problems.add(
                RuleProblem.rule(
                    rule,
                    field,
                    "must be between "
                        + number(spec.min())
                        + " and "
                        + number(spec.max())
                        + ", was "
                        + v));
          } else {
            values.put(spec.name(), integral ? (Object) v.intValue() : v.doubleValue());
          }
        }
      }
    }
    return values;
  }

  private static Duration duration(
      String rule,
      JsonNode node,
      String field,
      Duration fallback,
      long minMillis,
      List<RuleProblem> problems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isString()) {
      problems.add(RuleProblem.rule(rule, field, "must be a duration such as 5m, was " + v));
      return fallback;
    }
    try {
      Duration d = Durations.parse(v.asString());
      if (d.isNegative() || d.toMillis() < minMillis) {
        problems.add(
            RuleProblem.rule(
                rule, field, "must be at least " + Durations.format(Duration.ofMillis(minMillis))));
      }
      return d;
    } catch (IllegalArgumentException e) {
      problems.add(RuleProblem.rule(rule, field, e.getMessage()));
      return fallback;
    }
  }

  private ChannelConfig channel(String name, JsonNode node, List<RuleProblem> out) {
    List<RuleProblem> problems = new ArrayList<>();
    if (!NAME.matcher(name).matches()) {
      problems.add(
          RuleProblem.channel(
              name, "(name)", "must be 1-100 of a-z, 0-9, '_', '.', '-' starting with a-z or 0-9"));
    }
    if (node == null || !node.isObject()) {
      out.add(RuleProblem.channel(name, "(channel)", "must be a mapping with a 'type'"));
      return null;
    }
    Function<String, RuleProblem> typeProblem = p -> RuleProblem.channel(name, "type", p);
    String type = text(node, "type", problems, typeProblem, true, null);
    Set<String> fields =
        switch (type == null ? "" : type) {
          case "webhook" -> Set.of("type", "url", "secret");
          case "slack" -> Set.of("type", "url");
          case "pagerduty" -> Set.of("type", "routing_key", "url");
          case "email" -> Set.of("type", "to");
          default -> {
            if (type != null) {
              problems.add(
                  typeProblem.apply(
                      "unknown channel type '" + type + "': webhook, slack, pagerduty or email"));
            }
            yield null;
          }
        };
    if (fields != null) {
      for (String field : node.propertyNames()) {
        if (!fields.contains(field)) {
          problems.add(
              RuleProblem.channel(
                  name,
                  field,
                  "unknown field for a " + type + " channel: expected one of " + sorted(fields)));
        }
      }
    }
    ChannelConfig channel =
        switch (type == null ? "" : type) {
          case "webhook" ->
              new ChannelConfig.Webhook(
                  name, url(name, node, "url", true, problems), secret(name, node, problems));
          case "slack" -> new ChannelConfig.Slack(name, url(name, node, "url", true, problems));
          case "pagerduty" -> {
            String key =
                setting(
                    name,
                    "routing_key",
                    text(
                        node,
                        "routing_key",
                        problems,
                        p -> RuleProblem.channel(name, "routing_key", p),
                        true,
                        null),
                    (value, expanded) -> null,
                    problems);
            String url = url(name, node, "url", false, problems);
            yield new ChannelConfig.PagerDuty(
                name, key, url == null ? ChannelConfig.PagerDuty.DEFAULT_URL : url);
          }
          case "email" -> email(name, node, problems);
          default -> null;
        };
    out.addAll(problems);
    return problems.isEmpty() ? channel : null;
  }

  private ChannelConfig email(String name, JsonNode node, List<RuleProblem> problems) {
    if (!mailConfigured) {
      problems.add(
          RuleProblem.channel(
              name,
              "type",
              "email needs an SMTP server: set spring.mail.host (and spring.mail.port)"));
    }
    List<String> to = new ArrayList<>();
    JsonNode toNode = node.get("to");
    if (toNode != null && toNode.isString()) {
      toNode = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(toNode);
    }
    if (toNode == null || !toNode.isArray() || toNode.isEmpty()) {
      problems.add(RuleProblem.channel(name, "to", "must list at least one email address"));
      return new ChannelConfig.Email(name, to);
    }
    for (int i = 0; i < toNode.size(); i++) {
      String field = "to[" + i + "]";
      if (!toNode.get(i).isString()) {
        problems.add(
            RuleProblem.channel(name, field, "'" + toNode.get(i) + "' is not an email address"));
        continue;
      }
      String written = toNode.get(i).asString();
      to.add(
          setting(
              name,
              field,
              written,
              (value, expanded) ->
                  isAddress(value)
                      ? null
                      : "'" + written + "'" + onceExpanded(expanded) + " is not an email address",
              problems));
    }
    return new ChannelConfig.Email(name, to);
  }

  private static boolean isAddress(String text) {
    try {
      new InternetAddress(text, true);
      return true;
    } catch (AddressException e) {
      return false; // its message quotes the address, which may be a secret's value
    }
  }

  private String secret(String name, JsonNode node, List<RuleProblem> problems) {
    return setting(
        name,
        "secret",
        text(node, "secret", problems, p -> RuleProblem.channel(name, "secret", p), true, null),
        (value, expanded) ->
            value.length() >= 16
                ? null
                : "must be at least 16 characters"
                    + onceExpanded(expanded)
                    + " (use a random string)",
        problems);
  }

  private String url(
      String name, JsonNode node, String field, boolean required, List<RuleProblem> problems) {
    String written =
        text(node, field, problems, p -> RuleProblem.channel(name, field, p), required, null);
    return setting(
        name, field, written, (value, expanded) -> urlProblem(value, written, expanded), problems);
  }

  private static String urlProblem(String value, String written, boolean expanded) {
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute()
          || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        return "must be an absolute http(s) URL, was '" + written + "'" + onceExpanded(expanded);
      }
      return null;
    } catch (URISyntaxException e) {
      // Its message quotes the input, which is the secret's value once expanded.
      return "is not a URL: "
          + (expanded
              ? "'" + written + "'" + onceExpanded(true) + ": " + e.getReason()
              : e.getMessage());
    }
  }

  /** Checks a setting's value: a reason it is wrong (citing it as written), or null. */
  private interface Check {
    String problem(String value, boolean expanded);
  }

  /**
   * A channel setting, kept as written: its references must be expandable, and its value (the
   * expansion, when it has references) must pass {@code check}. Problems cite the setting as
   * written, never its expansion.
   */
  private String setting(
      String channel, String field, String written, Check check, List<RuleProblem> problems) {
    if (written == null) {
      return null;
    }
    List<String> unexpandable = secrets.problems(written);
    unexpandable.forEach(p -> problems.add(RuleProblem.channel(channel, field, p)));
    if (unexpandable.isEmpty()) {
      boolean expanded = SecretReferences.hasReferences(written);
      String problem = check.problem(expanded ? secrets.expand(written) : written, expanded);
      if (problem != null) {
        problems.add(RuleProblem.channel(channel, field, problem));
      }
    }
    return written;
  }

  private static String onceExpanded(boolean expanded) {
    return expanded ? " once its references are expanded" : "";
  }

  private static String text(
      JsonNode node,
      String field,
      List<RuleProblem> problems,
      Function<String, RuleProblem> problem,
      boolean required,
      String fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problems.add(problem.apply("is missing"));
      }
      return fallback;
    }
    if (!v.isString() || (required && v.asString().isBlank())) {
      problems.add(problem.apply("must be a non-empty string, was " + v));
      return fallback;
    }
    return v.asString();
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  private static String number(double d) {
    if (d == Double.MAX_VALUE) {
      return "any";
    }
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
