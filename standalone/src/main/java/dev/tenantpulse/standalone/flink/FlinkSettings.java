package dev.tenantpulse.standalone.flink;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the MiniCluster is sized and where it keeps its snapshots.
 *
 * @param flinkDir {@code checkpoints/} and {@code savepoints/} live here
 * @param host REST API and web UI address
 * @param restPort REST API and web UI port (0: any free one)
 * @param slots task slots of the one TaskManager, also the jobs' default parallelism
 * @param stateBackend {@code rocksdb} (the default: keyed state on local disk under {@code
 *     flinkDir/rocksdb}, its memory taken from the managed memory, incremental checkpoints) or
 *     {@code hashmap} (keyed state on the JVM heap, copied whole into each checkpoint)
 * @param managedMemoryMb Flink's managed memory: RocksDB's block cache and write buffers (native,
 *     bounded by this), and sorting in batch mode
 * @param networkMemoryMb network buffers between operators
 * @param checkpointInterval how often the streaming job checkpoints unless it says otherwise; a
 *     crash loses at most this much progress (Kafka still has the events: they are re-read)
 * @param stopTimeout how long a clean stop waits for the savepoint before cancelling
 * @param logFile the process's log file, shown in the web UI's job manager log tab
 */
public record FlinkSettings(
    Path flinkDir,
    String host,
    int restPort,
    int slots,
    String stateBackend,
    int managedMemoryMb,
    int networkMemoryMb,
    Duration checkpointInterval,
    Duration stopTimeout,
    Path logFile) {

  public static final String ROCKSDB = "rocksdb";
  public static final String HASHMAP = "hashmap";

  public FlinkSettings {
    if (!stateBackend.equals(ROCKSDB) && !stateBackend.equals(HASHMAP)) {
      throw new IllegalArgumentException(
          "state backend: " + ROCKSDB + " or " + HASHMAP + ", got '" + stateBackend + "'");
    }
  }

  /** The embedded default: small enough to leave the rest of the process its memory. */
  public static FlinkSettings embedded(
      Path flinkDir, String host, int restPort, String stateBackend, Path logFile) {
    return new FlinkSettings(
        flinkDir,
        host,
        restPort,
        2,
        stateBackend,
        256,
        64,
        Duration.ofSeconds(10),
        Duration.ofMinutes(2),
        logFile);
  }
}
