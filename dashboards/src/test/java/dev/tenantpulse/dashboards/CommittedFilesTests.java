package dev.tenantpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed dashboards and provisioning files are exactly what the code generates. */
class CommittedFilesTests {

  /** dashboards/grafana, the module's working directory being dashboards/ under Maven. */
  static final Path COMMITTED = Path.of("grafana");

  private final GeneratedFiles generated = GeneratedFiles.of(PlanCatalog.defaultCatalog());

  @Test
  void committedFilesEqualWhatTheCodeGenerates() throws Exception {
    assertThat(generated.differencesFrom(COMMITTED))
        .as(
            "dashboards/grafana is out of date with the Java code: run bin/dashboards and commit"
                + " what it writes")
        .isEmpty();
  }

  @Test
  void regeneratingIsByteStable() {
    assertThat(GeneratedFiles.of(PlanCatalog.defaultCatalog()).files())
        .isEqualTo(generated.files());
  }

  @Test
  void aHandEditAMissingFileAndAStaleDashboardAreAllReported(@TempDir Path dir) throws Exception {
    generated.writeTo(dir);
    assertThat(generated.differencesFrom(dir)).isEmpty();

    String edited =
        generated.files().keySet().stream()
            .filter(f -> f.endsWith(".json"))
            .findFirst()
            .orElseThrow();
    Files.writeString(
        dir.resolve(edited),
        Files.readString(dir.resolve(edited)).replace("\"Tenant Pulse", "\"Edited"));
    Files.delete(dir.resolve(GeneratedFiles.PROVIDER_FILE));
    Files.writeString(dir.resolve("dashboards/old-board.json"), "{}");

    assertThat(generated.differencesFrom(dir))
        .containsExactlyInAnyOrder(
            edited + " (differs)",
            GeneratedFiles.PROVIDER_FILE + " (missing)",
            "dashboards/old-board.json (not generated)");

    generated.writeTo(dir);
    assertThat(generated.differencesFrom(dir)).as("writing removes the stale board").isEmpty();
  }
}
