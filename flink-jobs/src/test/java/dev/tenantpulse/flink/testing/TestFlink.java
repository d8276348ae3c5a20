package dev.tenantpulse.flink.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * The one Flink MiniCluster of the test JVM (started on first use, stopped at exit), shared by the
 * tests: starting one costs seconds, and the module's test time is budgeted.
 */
public final class TestFlink {

  public static final int SLOTS = 4;
  private static MiniCluster cluster;
  private static MemorySize managedMemoryPerSlot = MemorySize.parse("16m");

  private TestFlink() {}

  /**
   * Managed memory per slot of the cluster about to start (RocksDB's block cache and write buffers
   * come out of it). The tests' 16 MB is enough for their small states; a benchmark sets the
   * product's, where 16 MB would have RocksDB flush and compact all the time.
   */
  public static synchronized void useManagedMemoryPerSlot(MemorySize perSlot) {
    if (cluster != null) {
      throw new IllegalStateException("the test MiniCluster has already started");
    }
    managedMemoryPerSlot = perSlot;
  }

  public static synchronized MiniCluster cluster() {
    if (cluster == null) {
      Configuration config = new Configuration();
      config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managedMemoryPerSlot.multiply(SLOTS));
      config.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("64m"));
      config.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("64m"));
      MiniCluster started =
          new MiniCluster(
              new MiniClusterConfiguration.Builder()
                  .setConfiguration(config)
                  .setNumTaskManagers(1)
                  .setNumSlotsPerTaskManager(SLOTS)
                  .withRandomPorts() // other processes on this machine may hold 8081
                  .build());
      try {
        started.start();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the test MiniCluster", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (Exception e) {
                      // exiting anyway
                    }
                  }));
      cluster = started;
    }
    return cluster;
  }

  /** A fresh environment submitting to the shared cluster. */
  public static StreamExecutionEnvironment env(int parallelism) {
    return new TestStreamEnvironment(cluster(), parallelism);
  }
}
