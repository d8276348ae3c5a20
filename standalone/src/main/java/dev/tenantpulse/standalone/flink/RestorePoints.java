package dev.tenantpulse.standalone.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds what a restart resumes from: the newest complete snapshot under the Flink directory,
 * whichever kind it is:
 *
 * <ul>
 *   <li>{@code savepoints/savepoint-*}: taken by a clean stop (Ctrl-C);
 *   <li>{@code checkpoints/<job id>/chk-<n>}: retained checkpoints, the newest of which is what a
 *       crash (kill -9, power loss) leaves.
 * </ul>
 *
 * <p>A snapshot is complete once its {@code _metadata} file exists (Flink writes it last), so a
 * checkpoint cut short by a crash is never chosen. Newest by that file's modification time: job ids
 * are random and checkpoint numbers restart at each fresh start, so neither orders them.
 */
public final class RestorePoints {

  private RestorePoints() {}

  public static Path checkpointsDir(Path flinkDir) {
    return flinkDir.resolve("checkpoints");
  }

  public static Path savepointsDir(Path flinkDir) {
    return flinkDir.resolve("savepoints");
  }

  /** The newest complete savepoint or retained checkpoint, or empty for a fresh start. */
  public static Optional<Path> latest(Path flinkDir) {
    Stream<Path> savepoints = children(savepointsDir(flinkDir));
    Stream<Path> checkpoints = children(checkpointsDir(flinkDir)).flatMap(RestorePoints::children);
    return Stream.concat(savepoints, checkpoints)
        .filter(dir -> Files.isRegularFile(dir.resolve("_metadata")))
        .max(Comparator.comparing(RestorePoints::completedAt));
  }

  private static FileTime completedAt(Path snapshot) {
    try {
      return Files.getLastModifiedTime(snapshot.resolve("_metadata"));
    } catch (IOException e) {
      return FileTime.fromMillis(0); // vanished meanwhile (subsumed): never the newest
    }
  }

  private static Stream<Path> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Stream.empty();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
