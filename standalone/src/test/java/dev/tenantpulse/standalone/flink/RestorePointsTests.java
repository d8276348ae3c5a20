package dev.tenantpulse.standalone.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorePointsTests {

  @TempDir Path flink;

  private Path snapshot(String relative, Instant completed) throws Exception {
    Path dir = Files.createDirectories(flink.resolve(relative));
    Path metadata = Files.writeString(dir.resolve("_metadata"), "x");
    Files.setLastModifiedTime(metadata, FileTime.from(completed));
    return dir;
  }

  @Test
  void startsFreshWhenThereIsNoSnapshot() {
    assertThat(RestorePoints.latest(flink)).isEmpty();
  }

  @Test
  void resumesFromTheSavepointOfACleanStop() throws Exception {
    snapshot("checkpoints/aaaa/chk-41", Instant.parse("2026-01-01T10:00:00Z"));
    Path savepoint = snapshot("savepoints/savepoint-aaaa-1", Instant.parse("2026-01-01T10:00:05Z"));

    assertThat(RestorePoints.latest(flink)).contains(savepoint);
  }

  @Test
  void resumesFromTheNewestCheckpointAfterACrashWhateverItsJobOrNumber() throws Exception {
    snapshot("savepoints/savepoint-aaaa-1", Instant.parse("2026-01-01T10:00:00Z"));
    snapshot("checkpoints/aaaa/chk-90", Instant.parse("2026-01-01T11:00:00Z"));
    Path newest = snapshot("checkpoints/bbbb/chk-3", Instant.parse("2026-01-01T12:00:00Z"));

    assertThat(RestorePoints.latest(flink)).contains(newest);
  }

  @Test
  void skipsACheckpointThatACrashLeftWithoutItsMetadata() throws Exception {
    Path complete = snapshot("checkpoints/aaaa/chk-7", Instant.parse("2026-01-01T10:00:00Z"));
    Files.createDirectories(flink.resolve("checkpoints/aaaa/chk-8"));
    Files.createDirectories(flink.resolve("checkpoints/aaaa/shared"));

    assertThat(RestorePoints.latest(flink)).contains(complete);
  }
}
