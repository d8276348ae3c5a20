package dev.tenantpulse.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.alerting.AlertingProperties;
import dev.tenantpulse.alerting.support.AdversarialChannels;
import dev.tenantpulse.alerting.support.TestRules;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code ${NAME}} references in channel settings: the process environment only, names of A-Z, 0-9
 * and _, an optional prefix; kept as written and expanded only for sending; and whatever is said
 * about them cites the reference, never the value.
 */
class SecretReferencesTests {

  static final Map<String, String> ENV = AdversarialChannels.ENVIRONMENT;
  static final SecretReferences ANY = SecretReferences.anyOf(ENV::get);
  static final SecretReferences PREFIXED = new SecretReferences(ENV::get, "TP_SECRET_");

  private static List<RuleProblem> problems(String channelYaml, SecretReferences secrets) {
    try {
      TestRules.parse("channels:\n  team: " + channelYaml + "\nrules: {}", secrets);
    } catch (InvalidRulesException e) {
      assertShowsNoSecret(e.getMessage());
      return e.problems();
    }
    throw new AssertionError("the document was accepted");
  }

  private static String reason(String channelYaml) {
    List<RuleProblem> problems = problems(channelYaml, ANY);
    assertThat(problems).hasSize(1);
    return problems.get(0).reason();
  }

  static final List<String> SECRETS = AdversarialChannels.secrets();

  private static void assertShowsNoSecret(String text) {
    for (String secret : SECRETS) {
      if (text.contains(secret)) {
        assertThat(text).as("shows a secret").doesNotContain(secret);
      }
    }
  }

  @Test
  void aUrlThatIsNoUrlOnceExpandedIsRefusedCitingTheReference() {
    assertThat(problems("{type: slack, url: '${PATH}'}", ANY))
        .containsExactly(
            new RuleProblem(
                null,
                "team",
                "url",
                "must be an absolute http(s) URL, was '${PATH}' once its references are expanded"));
    assertThat(reason("{type: slack, url: 'https://x.example/${TP_SECRET_NOT_A_URL}'}"))
        .isEqualTo(
            "is not a URL: 'https://x.example/${TP_SECRET_NOT_A_URL}' once its references are"
                + " expanded: Illegal character in path");
  }

  @Test
  void springPropertiesAreNotReachableEvenWhenTheEnvironmentHasThem() {
    assertThat(reason("{type: slack, url: '${spring.datasource.password}'}"))
        .startsWith(
            "refers to ${spring.datasource.password}, which is not an environment variable: write"
                + " ${NAME}");
  }

  @Test
  void onlyVariablesWithTheAllowedPrefixMayBeReferredTo() {
    assertThat(problems("{type: pagerduty, routing_key: '${OTHER_SECRET}'}", PREFIXED))
        .containsExactly(
            new RuleProblem(
                null,
                "team",
                "routing_key",
                "refers to ${OTHER_SECRET}, which is not allowed:"
                    + " tenant-pulse.alerting.secrets.allowed-prefix is TP_SECRET_"));
    RulesDocument doc =
        TestRules.parse(
            "channels:\n  team: {type: pagerduty, routing_key: '${TP_SECRET_KEY}'}\nrules: {}",
            PREFIXED);
    assertThat(doc.channel("team")).isPresent();
  }

  @Test
  void unsetAndEmptyVariablesAreProblemsNamingTheReference() {
    assertThat(reason("{type: pagerduty, routing_key: '${TP_SECRET_UNSET}'}"))
        .isEqualTo("refers to ${TP_SECRET_UNSET}, which is not set");
    assertThat(reason("{type: pagerduty, routing_key: 'key-${TP_SECRET_EMPTY}'}"))
        .isEqualTo("refers to ${TP_SECRET_EMPTY}, which is set but empty");
  }

  @Test
  void everyOtherUseOfDollarBraceIsRefusedAsWritten() {
    Map<String, String> written =
        Map.of(
            "${TP_SECRET_KEY:-default}", "refers to ${TP_SECRET_KEY:-default}, which is not an",
            "${TP_SECRET_KEY:default}", "refers to ${TP_SECRET_KEY:default}, which is not an",
            "${${TP_SECRET_KEY}}", "refers to ${${TP_SECRET_KEY}, which is not an",
            "${tp_secret_token}", "refers to ${tp_secret_token}, which is not an",
            "${ТП_SECRET}", "refers to ${ТП_SECRET}, which is not an",
            "${ TP_SECRET_KEY }", "refers to ${ TP_SECRET_KEY }, which is not an",
            "${}", "refers to ${}, which is not an",
            "key-${TP_SECRET_KEY", "has ${TP_SECRET_KEY without its closing '}'");
    written.forEach(
        (setting, reason) ->
            assertThat(reason("{type: pagerduty, routing_key: '" + setting + "'}"))
                .as(setting)
                .startsWith(reason));
  }

  @Test
  void aDollarBeforeAReferenceIsLiteralAndTheExpansionIsCheckedWithoutBeingQuoted() {
    assertThat(reason("{type: slack, url: '$${TP_SECRET_URL}'}"))
        .isEqualTo(
            "is not a URL: '$${TP_SECRET_URL}' once its references are expanded: Illegal"
                + " character in scheme name");
    assertThat(reason("{type: webhook, url: 'https://h.example', secret: '${TP_SECRET_SHORT}'}"))
        .isEqualTo(
            "must be at least 16 characters once its references are expanded (use a random"
                + " string)");
    assertThat(problems("{type: email, to: [ok@example.com, '${TP_SECRET_BAD_MAIL}']}", ANY))
        .containsExactly(
            new RuleProblem(
                null,
                "team",
                "to[1]",
                "'${TP_SECRET_BAD_MAIL}' once its references are expanded is not an email"
                    + " address"));
  }

  @Test
  void aVeryLongReferenceIsCitedShortened() {
    String name = "A".repeat(10_000);
    assertThat(reason("{type: pagerduty, routing_key: '${" + name + "}'}"))
        .isEqualTo("refers to ${" + "A".repeat(76) + "…}, which is not set");
  }

  @Test
  void everySettingKeepsItsReferencesAndIsExpandedOnlyWhenAsked() {
    RulesDocument doc =
        TestRules.parse(
            """
            channels:
              hook: {type: webhook, url: '${TP_SECRET_URL}', secret: '${TP_SECRET_HMAC}'}
              pd: {type: pagerduty, routing_key: '${TP_SECRET_KEY}', url: 'https://${TP_SECRET_HOST}/v2'}
              mail: {type: email, to: ['${TP_SECRET_MAIL}', 'fixed@example.com']}
            rules: {}
            """,
            ANY);
    assertShowsNoSecret(doc.channels().toString());
    ChannelConfig.PagerDuty pd = (ChannelConfig.PagerDuty) doc.channel("pd").orElseThrow();
    assertThat(pd.settings()).containsExactly("${TP_SECRET_KEY}", "https://${TP_SECRET_HOST}/v2");
    assertThat(ANY.expand(pd.url())).isEqualTo("https://" + ENV.get("TP_SECRET_HOST") + "/v2");
    assertThat(ANY.expand(pd.routingKey())).isEqualTo(ENV.get("TP_SECRET_KEY"));
    assertThat(doc.channel("mail").orElseThrow().settings())
        .containsExactly("${TP_SECRET_MAIL}", "fixed@example.com");
    assertThat(ANY.expand(((ChannelConfig.Webhook) doc.channel("hook").orElseThrow()).secret()))
        .isEqualTo(ENV.get("TP_SECRET_HMAC"));
  }

  @Test
  void anAllowedPrefixNoVariableNameCanStartWithIsRefused() {
    try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
      Validator validator = validation.getValidator();
      assertThat(validator.validate(new AlertingProperties.Secrets("TENANT_PULSE_SECRET_")))
          .isEmpty();
      assertThat(validator.validate(new AlertingProperties.Secrets("")).isEmpty()).isTrue();
      assertThat(validator.validate(new AlertingProperties.Secrets("secret.")))
          .extracting(v -> v.getPropertyPath().toString())
          .containsExactly("allowedPrefix");
    }
  }

  @Test
  void aValueIsNeverExpandedAgain() {
    assertThat(ANY.expand("${TP_SECRET_NESTED}")).isEqualTo(ENV.get("TP_SECRET_NESTED"));
  }

  @Test
  void expandingAReferenceThatCannotBeExpandedNamesItAndNoValue() {
    assertThatThrownBy(() -> PREFIXED.expand("https://${PATH}/x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("${PATH}")
        .hasMessageNotContaining(ENV.get("PATH"));
  }

  @Test
  void redactionReplacesEveryValueBeforeAnyOfItIsShown() {
    String url = "https://${TP_SECRET_HOST}/hook/${TP_SECRET_TOKEN}";
    String echoed =
        "POST "
            + ANY.expand(url)
            + " key="
            + ENV.get("TP_SECRET_KEY")
            + " json=\"q\\\"uo'te\\\\Zq9c0d<x>&\"";

    String redacted =
        ANY.redact(echoed, List.of(url, "${TP_SECRET_KEY}", "x-${TP_SECRET_QUOTES}", "literal"));

    assertThat(redacted)
        .isEqualTo(
            "POST https://${TP_SECRET_HOST}/hook/${TP_SECRET_TOKEN} key=${TP_SECRET_KEY}"
                + " json=\"${TP_SECRET_QUOTES}\"");
    assertShowsNoSecret(redacted);
  }

  /**
   * 2,000 seeded documents: whatever the parser says about them, and whatever channels it keeps,
   * shows no secret's value; and both answers occur, so both paths were walked.
   */
  @Test
  void noGeneratedDocumentShowsASecretInItsProblemsOrItsChannels() {
    AdversarialChannels generator = new AdversarialChannels(20261206L);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 2_000; i++) {
      JsonNode tree = generator.document();
      if (i % 10 == 0) { // through YAML text now and then, as from a file (SnakeYAML is slow)
        tree = RulesRepository.tree(RulesRepository.YAML.writeValueAsString(tree), "generated");
      }
      SecretReferences secrets = i % 2 == 0 ? ANY : PREFIXED;
      try {
        RulesDocument doc = new RulesParser(secrets, true).parse(tree, "generated");
        assertShowsNoSecret(doc.channels().toString());
        for (ChannelConfig channel : doc.channels().values()) {
          channel.settings().forEach(secrets::expand); // kept only when it can be sent
        }
        accepted++;
      } catch (InvalidRulesException e) {
        assertShowsNoSecret(e.getMessage());
        assertShowsNoSecret(e.problems().toString());
        refused++;
      }
    }
    assertThat(accepted).as("accepted").isGreaterThan(100);
    assertThat(refused).as("refused").isGreaterThan(1_000);
  }
}
