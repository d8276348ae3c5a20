package dev.tenantpulse.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.alerting.AlertingProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** The rules file: built-ins on first start, hand edits picked up, mistakes refused. */
class RulesRepositoryTests {

  @TempDir Path dir;
  final List<Object> events = new ArrayList<>();

  private RulesRepository repository(Path file) {
    AlertingProperties properties =
        new AlertingProperties(
            "",
            file.toString(),
            Duration.ZERO,
            "AUTO",
            null,
            null,
            Duration.ofDays(30),
            Duration.ofDays(2),
            "alerts@example.com",
            null,
            "",
            Duration.ofHours(3));
    return new RulesRepository(
        properties, new MockEnvironment(), SecretReferences.anyOf(name -> null), events::add);
  }

  @Test
  void writesTheBuiltInRulesOnFirstStart() throws Exception {
    Path file = dir.resolve("conf/rules.yaml");
    RulesRepository rules = repository(file);
    assertThat(rules.current().rules())
        .containsOnlyKeys(
            "active_tenants_drop",
            "onboarding_slowdown",
            "feature_adoption_drop",
            "billing_export_stalled");
    assertThat(Files.readString(file)).contains("# Tenant Pulse alerting rules");
  }

  @Test
  void aFileWithAMistakeStopsTheStartNamingRuleAndField() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, "rules:\n  active_tenants_drop:\n    evaluation_interval: often\n");
    assertThatThrownBy(() -> repository(file))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(
            "rule 'active_tenants_drop', field 'evaluation_interval': 'often' is not a duration");
  }

  @Test
  void aHandEditIsPickedUpAndABrokenOneKeepsTheRulesInForce() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, "rules:\n  active_tenants_drop: {}\n");
    RulesRepository rules = repository(file);
    assertThat(rules.reloadIfChanged()).isFalse();

    Files.writeString(file, "rules:\n  active_tenants_drop: {}\n  onboarding_slowdown: {}\n");
    assertThat(rules.reloadIfChanged()).isTrue();
    assertThat(rules.current().rules()).hasSize(2);
    assertThat(events).singleElement().isInstanceOf(RulesChanged.class);

    Files.writeString(file, "rules:\n  onboarding_slowdown: {params: {factor: 0}}\n");
    assertThat(rules.reloadIfChanged()).isFalse();
    assertThat(rules.current().rules()).hasSize(2);
  }

  @Test
  void aMergePatchAddsAChannelAndRemovesARuleAndIsWrittenBack() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, "rules:\n  active_tenants_drop: {}\n  onboarding_slowdown: {}\n");
    RulesRepository rules = repository(file);

    rules.patch(
        RulesRepository.tree(
            """
            {"channels": {"ops": {"type": "webhook", "url": "https://ops.example.com/h",
                                  "secret": "0123456789abcdef0123"}},
             "rules": {"onboarding_slowdown": null, "active_tenants_drop": {"channels": ["ops"]}}}""",
            "patch"),
        "patch");

    assertThat(rules.current().rules()).containsOnlyKeys("active_tenants_drop");
    assertThat(rules.current().rule("active_tenants_drop").orElseThrow().channels())
        .containsExactly("ops");
    RulesDocument reread = rules.parse(Files.readString(file), "file");
    assertThat(reread.channels()).containsOnlyKeys("ops");
    assertThatThrownBy(
            () ->
                rules.patch(
                    RulesRepository.tree(
                        "{\"rules\": {\"active_tenants_drop\": {\"channels\": [\"gone\"]}}}", "p"),
                    "p"))
        .isInstanceOf(InvalidRulesException.class);
    assertThat(rules.current().rule("active_tenants_drop").orElseThrow().channels())
        .containsExactly("ops");
  }
}
