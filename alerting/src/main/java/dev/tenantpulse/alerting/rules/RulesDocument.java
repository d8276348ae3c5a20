package dev.tenantpulse.alerting.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A validated rules file: its channels and rules by name, in file order, and the tree they were
 * read from (what the API shows and patches, secrets still as their {@code ${ENV}} references).
 */
public record RulesDocument(
    Map<String, ChannelConfig> channels, Map<String, Rule> rules, JsonNode source) {

  public RulesDocument {
    channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
  }

  public Optional<Rule> rule(String name) {
    return Optional.ofNullable(rules.get(name));
  }

  public Optional<ChannelConfig> channel(String name) {
    return Optional.ofNullable(channels.get(name));
  }
}
