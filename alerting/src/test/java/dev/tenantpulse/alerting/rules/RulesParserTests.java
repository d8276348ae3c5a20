package dev.tenantpulse.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.alerting.support.TestRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules file: built-ins, defaults, secrets by reference, and mistakes named precisely. */
class RulesParserTests {

  private static List<RuleProblem> problems(String yaml) {
    try {
      TestRules.parse(yaml, Map.of("SLACK_URL", "https://hooks.slack.com/services/T/B/X"));
    } catch (InvalidRulesException e) {
      return e.problems();
    }
    throw new AssertionError("the document was accepted");
  }

  @Test
  void theBuiltInRulesAreValidAndCarryTheIssuesThresholds() throws IOException {
    String builtIn;
    try (InputStream in =
        RulesParserTests.class.getResourceAsStream(
            "/dev/tenantpulse/alerting/builtin-rules.yaml")) {
      builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    RulesDocument doc = TestRules.parse(builtIn);
    assertThat(doc.rules())
        .containsOnlyKeys(
            "active_tenants_drop",
            "onboarding_slowdown",
            "feature_adoption_drop",
            "billing_export_stalled");
    Rule drop = doc.rule("active_tenants_drop").orElseThrow();
    assertThat(drop.number("drop_ratio")).isEqualTo(0.20);
    assertThat(drop.number("min_baseline")).isEqualTo(10);
    assertThat(drop.flag("per_plan")).isTrue();
    assertThat(drop.repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(drop.noDataAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(doc.rule("onboarding_slowdown").orElseThrow().number("factor")).isEqualTo(1.5);
    assertThat(doc.rule("onboarding_slowdown").orElseThrow().integer("previous_cohorts"))
        .isEqualTo(4);
    assertThat(doc.rule("feature_adoption_drop").orElseThrow().number("drop_points"))
        .isEqualTo(0.10);
    assertThat(doc.rule("feature_adoption_drop").orElseThrow().integer("compare_days"))
        .isEqualTo(7);
  }

  @Test
  void fillsDefaultsAndKeepsSecretReferencesAsWritten() {
    RulesDocument doc =
        TestRules.parse(
            """
            channels:
              team: {type: slack, url: "${SLACK_URL}"}
            rules:
              active_tenants_drop: {channels: [team]}
            """,
            Map.of("SLACK_URL", "https://hooks.slack.com/services/T/B/X"));
    Rule rule = doc.rule("active_tenants_drop").orElseThrow();
    assertThat(rule.kind()).isEqualTo(RuleKind.ACTIVE_TENANTS_DROP);
    assertThat(rule.evaluationInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rule.repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
    // Expanded only by the sender: the channel, like the API, holds the reference.
    assertThat(((ChannelConfig.Slack) doc.channel("team").orElseThrow()).url())
        .isEqualTo("${SLACK_URL}");
    assertThat(doc.source().get("channels").get("team").get("url").asString())
        .isEqualTo("${SLACK_URL}");
  }

  @Test
  void aMistakeNamesTheRuleTheFieldAndTheReason() {
    assertThat(
            problems(
                """
                rules:
                  active_tenants_drop:
                    params: {drop_ratio: 1.5}
                """))
        .containsExactly(
            new RuleProblem(
                "active_tenants_drop",
                null,
                "params.drop_ratio",
                "must be between 0 and 1, was 1.5"));
  }

  @Test
  void reportsEveryMistakeAtOnce() {
    List<RuleProblem> found =
        problems(
            """
            channels:
              pd: {type: pagerduty}
              hook: {type: webhook, url: "ftp://x", secret: short}
              odd: {type: carrier-pigeon}
            rules:
              drop:
                kind: active_tenants_drop
                for: soon
                repeat_interval: 0s
                severity: apocalyptic
                channels: [pd, nowhere]
                treshold: 0.3
                params: {min_baseline: -1, per_plan: "yes", bogus: 1}
              other: {kind: revenue_drop}
            """);
    assertThat(found)
        .extracting(p -> (p.rule() != null ? p.rule() : p.channel()) + "/" + p.field())
        .containsExactlyInAnyOrder(
            "pd/routing_key",
            "hook/url",
            "hook/secret",
            "odd/type",
            "drop/treshold",
            "drop/params.min_baseline",
            "drop/params.per_plan",
            "drop/params.bogus",
            "drop/for",
            "drop/repeat_interval",
            "drop/severity",
            "drop/channels[1]",
            "other/kind");
    assertThat(found)
        .filteredOn(p -> "drop".equals(p.rule()) && p.field().equals("for"))
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("'soon' is not a duration"));
    assertThat(found)
        .filteredOn(p -> "drop".equals(p.rule()) && p.field().equals("channels[1]"))
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("no channel named 'nowhere'"));
  }

  @Test
  void anUnsetSecretReferenceIsAMistake() {
    assertThat(
            problems("channels:\n  pd: {type: pagerduty, routing_key: \"${PD_KEY}\"}\nrules: {}"))
        .containsExactly(
            new RuleProblem(null, "pd", "routing_key", "refers to ${PD_KEY}, which is not set"));
  }

  @Test
  void textThatIsNotYamlIsRefusedWithTheParsersReason() {
    assertThatThrownBy(() -> TestRules.parse("rules: [unclosed"))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining("not YAML");
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("4h")).isEqualTo(Duration.ofHours(4));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.format(Duration.ofDays(14))).isEqualTo("14d");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
  }

  @Test
  void labelKeysRoundTripWithSeparatorsInValues() {
    Labels odd = Labels.of(Map.of("plan", "a,b=c\\d", "feature", "sso"));
    assertThat(Labels.fromKey(odd.key())).isEqualTo(odd);
    assertThat(Labels.fromKey(Labels.NONE.key())).isEqualTo(Labels.NONE);
    assertThat(odd.key()).isEqualTo("feature=sso,plan=a\\,b\\=c\\\\d");
  }
}
