package dev.tenantpulse.flink.metrics;

import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.ClusterClientJobClientAdapter;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.client.program.MiniClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One Flink MiniCluster for every test of this JVM (starting one costs seconds), and execution
 * environments that submit to it.
 */
final class SharedMiniCluster {

  static final int SLOTS = 4;
  private static MiniCluster cluster;
  private static MiniClusterClient client;

  private SharedMiniCluster() {}

  private static synchronized MiniClusterClient client() throws Exception {
    if (cluster == null) {
      Configuration config = new Configuration();
      MiniCluster started =
          new MiniCluster(
              new MiniClusterConfiguration.Builder()
                  .setConfiguration(config)
                  .setNumTaskManagers(1)
                  .setNumSlotsPerTaskManager(SLOTS)
                  .build());
      started.start();
      cluster = started;
      client = new MiniClusterClient(config, started);
      Runtime.getRuntime().addShutdownHook(new Thread(SharedMiniCluster::stop));
    }
    return client;
  }

  private static synchronized void stop() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } catch (Exception e) {
      // shutting down the JVM anyway
    }
  }

  /** An environment whose jobs run on the shared cluster; generic types (Kryo) are refused. */
  static StreamExecutionEnvironment environment() throws Exception {
    MiniClusterClient c = client();
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false);
    config.set(DeploymentOptions.TARGET, "shared-minicluster");
    config.set(DeploymentOptions.ATTACHED, true);
    PipelineExecutor executor =
        (pipeline, configuration, classLoader) -> {
          StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
          JobID id = c.submitJob(graph).get();
          return CompletableFuture.<JobClient>completedFuture(
              new ClusterClientJobClientAdapter<>(() -> c, id, classLoader));
        };
    PipelineExecutorServiceLoader loader =
        new PipelineExecutorServiceLoader() {
          @Override
          public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
            return new PipelineExecutorFactory() {
              @Override
              public String getName() {
                return "shared-minicluster";
              }

              @Override
              public boolean isCompatibleWith(Configuration configuration) {
                return true;
              }

              @Override
              public PipelineExecutor getExecutor(Configuration configuration) {
                return executor;
              }
            };
          }

          @Override
          public java.util.stream.Stream<String> getExecutorNames() {
            return java.util.stream.Stream.of("shared-minicluster");
          }
        };
    return new StreamExecutionEnvironment(
        loader, config, Thread.currentThread().getContextClassLoader());
  }
}
