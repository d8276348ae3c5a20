package dev.tenantpulse.alerting.api;

import dev.tenantpulse.alerting.evaluation.EvaluationService;
import dev.tenantpulse.alerting.rules.Durations;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RulesDocument;
import dev.tenantpulse.alerting.rules.RulesRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The rules document: {@code GET /api/rules} (YAML, or JSON when asked for), {@code PUT /api/rules}
 * replaces it, {@code PATCH /api/rules} merges a JSON merge patch (RFC 7386) into it, e.g. {@code
 * {"channels": {"oncall-slack": {...}}, "rules": {"active_tenants_drop": {"channels":
 * ["oncall-slack"]}}}}. Bodies may be YAML or JSON. A document with mistakes is refused (400) with
 * every problem naming the rule or channel, the field and the reason, and nothing changes.
 */
@RestController
class RulesController {

  static final String YAML = "application/yaml";

  private final RulesRepository rules;
  private final EvaluationService evaluations;

  RulesController(RulesRepository rules, EvaluationService evaluations) {
    this.rules = rules;
    this.evaluations = evaluations;
  }

  @GetMapping(
      value = "/api/rules",
      produces = {YAML, "text/yaml", MediaType.APPLICATION_JSON_VALUE})
  ResponseEntity<String> get(@RequestHeader(value = "Accept", required = false) String accept) {
    return document(rules.current(), accept);
  }

  @PutMapping(value = "/api/rules")
  ResponseEntity<String> replace(
      @RequestBody String body, @RequestHeader(value = "Accept", required = false) String accept) {
    JsonNode tree = RulesRepository.tree(body, "the request body");
    return document(rules.replace(tree, "the request body"), accept);
  }

  @PatchMapping(value = "/api/rules")
  ResponseEntity<String> patch(
      @RequestBody String body, @RequestHeader(value = "Accept", required = false) String accept) {
    JsonNode patch = RulesRepository.tree(body, "the merge patch");
    if (!patch.isObject()) {
      throw ApiException.badRequest(
          "malformed_body", "a merge patch of the rules document must be an object");
    }
    return document(rules.patch(patch, "the patched document"), accept);
  }

  /** One rule with every default filled in, as it is evaluated. */
  @GetMapping("/api/rules/{name}")
  Map<String, Object> rule(@PathVariable String name) {
    return view(
        rules
            .current()
            .rule(name)
            .orElseThrow(() -> ApiException.notFound("no rule named '" + name + "'")));
  }

  /** Evaluates a rule now, outside its schedule (e.g. to see a new channel work). */
  @PostMapping("/api/rules/{name}/evaluate")
  EvaluationService.Result evaluate(@PathVariable String name) {
    if (rules.current().rule(name).isEmpty()) {
      throw ApiException.notFound("no rule named '" + name + "'");
    }
    return evaluations.evaluate(name, null);
  }

  private static ResponseEntity<String> document(RulesDocument doc, String accept) {
    boolean json = accept != null && accept.contains("json") && !accept.contains("yaml");
    return ResponseEntity.ok()
        .contentType(json ? MediaType.APPLICATION_JSON : MediaType.parseMediaType(YAML))
        .body(
            json ? doc.source().toString() : RulesRepository.YAML.writeValueAsString(doc.source()));
  }

  static Map<String, Object> view(Rule rule) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", rule.name());
    v.put("kind", rule.kind().id());
    v.put("enabled", rule.enabled());
    v.put("description", rule.description());
    v.put("params", new TreeMap<>(rule.params()));
    v.put("for", Durations.format(rule.forDuration()));
    v.put("evaluation_interval", Durations.format(rule.evaluationInterval()));
    v.put("repeat_interval", Durations.format(rule.repeatInterval()));
    v.put("no_data_after", Durations.format(rule.noDataAfter()));
    v.put("severity", rule.severity().text());
    v.put("channels", List.copyOf(rule.channels()));
    return v;
  }
}
