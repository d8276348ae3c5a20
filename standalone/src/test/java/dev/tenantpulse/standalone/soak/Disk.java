package dev.tenantpulse.standalone.soak;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Sizes on disk, and where the process keeps its RocksDB instances.
 *
 * <p>Flink puts each RocksDB instance in {@code job_<job>_op_<operator>_uuid_<uuid>/} under its
 * local directory: {@code state.backend.rocksdb.localdir} when set, else the TaskManager's working
 * directory under {@code io.tmp.dirs} (the system temp directory), not under the data directory.
 * Rather than guess the configuration, the instances are found from the files the process holds
 * open ({@code /proc/<pid>/fd}): RocksDB keeps its MANIFEST, LOG and (by Flink's default of
 * unlimited open files) every SST open, so the instance directories are exactly those of the
 * running job, wherever they are.
 */
final class Disk {

  private Disk() {}

  /** Bytes of the regular files under {@code root} (0 when it does not exist). */
  static long size(Path root) {
    if (!Files.exists(root)) {
      return 0;
    }
    long[] total = {0};
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              total[0] += attrs.isRegularFile() ? attrs.size() : 0;
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // deleted while walking (compaction, checkpoints)
            }
          });
    } catch (IOException e) {
      return total[0];
    }
    return total[0];
  }

  /** The RocksDB instance directories process {@code pid} holds files open in; empty for none. */
  static Set<Path> rocksDbInstances(long pid) {
    Set<Path> instances = new TreeSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      fds.forEach(
          fd -> {
            try {
              Path target = Files.readSymbolicLink(fd);
              for (Path dir = target.getParent(); dir != null; dir = dir.getParent()) {
                Path name = dir.getFileName();
                if (name != null
                    && name.toString().startsWith("job_")
                    && name.toString().contains("_op_")) {
                  instances.add(dir);
                  break;
                }
              }
            } catch (IOException | UnsupportedOperationException e) {
              // the descriptor was closed while listing
            }
          });
    } catch (IOException e) {
      return instances; // the process is gone or not ours
    }
    return instances;
  }

  /** Resident memory and its peak of process {@code pid}, in bytes; null when it is gone. */
  static long[] residentMemory(long pid) {
    try {
      long rss = -1;
      long peak = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kilobytes(line);
        } else if (line.startsWith("VmHWM:")) {
          peak = kilobytes(line);
        }
      }
      return rss < 0 ? null : new long[] {rss, peak};
    } catch (IOException e) {
      return null;
    }
  }

  private static long kilobytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
  }
}
