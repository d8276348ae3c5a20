package dev.tenantpulse.scenario.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.scenario.SmallScenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.EventValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ScenarioJsonLinesTests {

  private final ScenarioJsonLines lines = new ScenarioJsonLines();

  @Test
  void writingAndReadingGivesBackEveryArrivalInOrder(@TempDir Path dir) throws Exception {
    // A smaller scenario than the shared one: reading parses each line twice.
    List<ScenarioEvent> arrivals =
        ScenarioGenerator.generate(ScenarioConfig.small(5).withTenants(50).withDays(10)).arrivals();
    Path file = dir.resolve("scenario.jsonl");

    lines.write(arrivals, file);

    assertThat(Files.lines(file).count()).isEqualTo(arrivals.size());
    assertThat(arrivals).anyMatch(ScenarioEvent::duplicate).anyMatch(ScenarioEvent::late);
    assertThat(lines.read(file)).isEqualTo(arrivals);
  }

  @Test
  void eachLineIsTheCodecFormPlusReceiveTimeAndFlagsAndPassesTheValidatorAsItIs() {
    EventValidator validator = new EventValidator(PlanCatalog.defaultCatalog());
    ScenarioEvent duplicate =
        SmallScenario.get().arrivals().stream()
            .filter(ScenarioEvent::duplicate)
            .findFirst()
            .orElseThrow();

    String line = new String(lines.line(duplicate), StandardCharsets.UTF_8);
    JsonNode json = EventCodec.jsonMapper().readTree(line);

    assertThat(json.get("received_at").asString()).isEqualTo(duplicate.receivedAt().toString());
    assertThat(json.get("duplicate").asBoolean()).isTrue();
    assertThat(json.get("late").asBoolean()).isFalse();
    assertThat(line)
        .startsWith(
            new String(new EventCodec().encode(duplicate.event()), StandardCharsets.UTF_8)
                .replaceAll("}$", ""));
    assertThat(validator.validate(json, duplicate.receivedAt()).event())
        .isEqualTo(duplicate.event());
  }
}
