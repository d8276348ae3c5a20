package dev.tenantpulse.standalone.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which state backend wrote a data directory's Flink snapshots ({@code flink/state-backend}), so a
 * start with another one fails with a clear message instead of a restore error deep in Flink.
 *
 * <p>RocksDB's checkpoints and its stop savepoints are in its native format (a savepoint of a week
 * of dedup ids is then a copy of its files, not a rewrite of every key), which only RocksDB
 * restores. The heap backend's stop savepoints are canonical, which either backend restores: so
 * moving from {@code hashmap} to {@code rocksdb} works after a clean stop, and nothing else does.
 */
final class StateBackendMarker {

  private StateBackendMarker() {}

  static Path file(Path flinkDir) {
    return flinkDir.resolve("state-backend");
  }

  /** Refuses to restore {@code restorePoint} with {@code backend} when another backend wrote it. */
  static void checkRestorable(Path flinkDir, String backend, Path restorePoint) throws IOException {
    Optional<String> writtenBy = read(flinkDir);
    if (restorePoint == null || writtenBy.isEmpty() || writtenBy.get().equals(backend)) {
      return;
    }
    boolean canonicalSavepoint =
        writtenBy.get().equals(FlinkSettings.HASHMAP)
            && restorePoint.startsWith(RestorePoints.savepointsDir(flinkDir));
    if (!canonicalSavepoint) {
      throw new IllegalStateException(
          "the Flink state in "
              + flinkDir
              + " was written by the "
              + writtenBy.get()
              + " state backend and its newest snapshot ("
              + restorePoint.getFileName()
              + ") cannot be restored by "
              + backend
              + ": start with --state-backend "
              + writtenBy.get()
              + (writtenBy.get().equals(FlinkSettings.HASHMAP)
                  ? " and stop it cleanly (Ctrl-C) once, then start with " + backend
                  : ""));
    }
  }

  static void write(Path flinkDir, String backend) throws IOException {
    Files.writeString(file(flinkDir), backend + "\n", StandardCharsets.UTF_8);
  }

  private static Optional<String> read(Path flinkDir) throws IOException {
    Path file = file(flinkDir);
    return Files.exists(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
        : Optional.empty();
  }
}
