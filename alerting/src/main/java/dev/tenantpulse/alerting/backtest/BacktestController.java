package dev.tenantpulse.alerting.backtest;

import dev.tenantpulse.alerting.api.ApiException;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RuleKind;
import dev.tenantpulse.alerting.rules.RulesRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/rules/{name}/backtest} with {@code {"from": "…Z", "to": "…Z"}} replays the rule
 * over [from, to) ({@link Backtest}); an optional {@code "rule": {…}} is a merge patch of the
 * stored rule (or, under a new name, a whole rule) tried instead of it, validated like the rules
 * file and never stored. Behind the admin token like every {@code /api} call.
 */
@RestController
class BacktestController {

  private static final Set<String> FIELDS = Set.of("from", "to", "rule");
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private final RulesRepository rules;
  private final Backtest backtest;

  BacktestController(RulesRepository rules, Backtest backtest) {
    this.rules = rules;
    this.backtest = backtest;
  }

  @PostMapping("/api/rules/{name}/backtest")
  Backtest.Result backtest(@PathVariable String name, @RequestBody String body) {
    JsonNode request = RulesRepository.tree(body, "the request body");
    if (!request.isObject()) {
      throw ApiException.badRequest(
          "malformed_body", "the body must be an object such as {\"from\": …, \"to\": …}");
    }
    List<String> problems = new ArrayList<>();
    for (String field : request.propertyNames()) {
      if (!FIELDS.contains(field)) {
        problems.add("unknown field '" + field + "': expected from, to, rule");
      }
    }
    Instant from = hour(request, "from", problems);
    Instant to = hour(request, "to", problems);
    if (from != null && to != null) {
      if (!from.isBefore(to)) {
        problems.add("'from' must be before 'to'");
      } else if (Duration.between(from, to).compareTo(Backtest.MAX_RANGE) > 0) {
        problems.add(
            "the range may cover at most "
                + Backtest.MAX_RANGE.toDays()
                + " days, was "
                + ChronoUnit.HOURS.between(from, to) / 24
                + " days");
      }
    }
    JsonNode draft = request.get("rule");
    if (draft != null && !draft.isObject()) {
      problems.add("'rule' must be an object (a merge patch of the rule)");
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("invalid_backtest", String.join("; ", problems));
    }
    Rule rule;
    if (draft == null) {
      rule =
          rules
              .current()
              .rule(name)
              .orElseThrow(() -> ApiException.notFound("no rule named '" + name + "'"));
    } else {
      ObjectNode patch = JsonNodeFactory.instance.objectNode();
      patch.putObject("rules").set(name, draft);
      rule = rules.preview(patch, "the backtest's rule").rule(name).orElseThrow();
    }
    if (rule.kind() != RuleKind.ACTIVE_TENANTS_DROP) {
      throw ApiException.badRequest(
          "unsupported_kind",
          "only active_tenants_drop rules can be backtested; '"
              + name
              + "' is "
              + rule.kind().id());
    }
    return backtest.run(rule, from, to);
  }

  /** A whole UTC hour such as 2026-03-01T00:00:00Z, or a problem. */
  private static Instant hour(JsonNode request, String field, List<String> problems) {
    JsonNode v = request.get(field);
    if (v == null || !v.isString()) {
      problems.add("'" + field + "' is required: an instant such as 2026-03-01T00:00:00Z");
      return null;
    }
    try {
      Instant at = Instant.parse(v.asString());
      if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
        // ClickHouse's DateTime holds 1970..2106; the replay also reads weeks before 'from'.
        problems.add("'" + field + "' must lie in [2000-01-01, 2100-01-01), was " + shown(v));
        return null;
      }
      if (!at.truncatedTo(ChronoUnit.HOURS).equals(at)) {
        problems.add("'" + field + "' must be a whole hour, was " + shown(v));
        return null;
      }
      return at;
    } catch (DateTimeParseException e) {
      problems.add("'" + field + "' is not an instant such as 2026-03-01T00:00:00Z: " + shown(v));
      return null;
    }
  }

  private static String shown(JsonNode v) {
    String text = v.asString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
