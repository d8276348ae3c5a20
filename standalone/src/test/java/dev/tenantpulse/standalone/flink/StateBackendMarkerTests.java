package dev.tenantpulse.standalone.flink;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateBackendMarkerTests {

  @TempDir Path flink;

  private Path savepoint() throws Exception {
    return Files.createDirectories(RestorePoints.savepointsDir(flink).resolve("savepoint-1"));
  }

  private Path checkpoint() throws Exception {
    return Files.createDirectories(RestorePoints.checkpointsDir(flink).resolve("job/chk-3"));
  }

  @Test
  void anUnmarkedDirectoryOrTheSameBackendRestores() throws Exception {
    assertThatCode(() -> StateBackendMarker.checkRestorable(flink, "rocksdb", savepoint()))
        .doesNotThrowAnyException();
    StateBackendMarker.write(flink, "rocksdb");
    assertThatCode(() -> StateBackendMarker.checkRestorable(flink, "rocksdb", checkpoint()))
        .doesNotThrowAnyException();
  }

  @Test
  void theHeapBackendsCleanStopMovesToRocksDb() throws Exception {
    StateBackendMarker.write(flink, "hashmap");

    assertThatCode(() -> StateBackendMarker.checkRestorable(flink, "rocksdb", savepoint()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> StateBackendMarker.checkRestorable(flink, "rocksdb", checkpoint()))
        .hasMessageContaining("start with --state-backend hashmap and stop it cleanly");
  }

  @Test
  void rocksDbsNativeSnapshotsAreNotRestoredOnTheHeap() throws Exception {
    StateBackendMarker.write(flink, "rocksdb");

    assertThatThrownBy(() -> StateBackendMarker.checkRestorable(flink, "hashmap", savepoint()))
        .hasMessageContaining("written by the rocksdb state backend")
        .hasMessageContaining("start with --state-backend rocksdb");
    assertThatCode(() -> StateBackendMarker.checkRestorable(flink, "hashmap", null))
        .doesNotThrowAnyException();
  }
}
