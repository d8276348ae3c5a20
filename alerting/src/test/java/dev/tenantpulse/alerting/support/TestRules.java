package dev.tenantpulse.alerting.support;

import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RulesDocument;
import dev.tenantpulse.alerting.rules.RulesParser;
import dev.tenantpulse.alerting.rules.RulesRepository;
import dev.tenantpulse.alerting.rules.SecretReferences;
import java.util.Map;

/** Rules documents from YAML text, the way the rules file is read. */
public final class TestRules {

  private TestRules() {}

  /** Parses with {@code environment} as the process environment that references read. */
  public static RulesDocument parse(String yaml, Map<String, String> environment) {
    return parse(yaml, SecretReferences.anyOf(environment::get));
  }

  public static RulesDocument parse(String yaml, SecretReferences secrets) {
    return new RulesParser(secrets, true).parse(RulesRepository.tree(yaml, "test"), "test");
  }

  public static RulesDocument parse(String yaml) {
    return parse(yaml, Map.of());
  }

  /** The one rule {@code name} of a document holding only it. */
  public static Rule rule(String name, String yamlFields) {
    return parse("rules:\n  " + name + ":\n" + yamlFields.indent(4)).rule(name).orElseThrow();
  }
}
