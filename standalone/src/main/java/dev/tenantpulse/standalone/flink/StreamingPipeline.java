package dev.tenantpulse.standalone.flink;

import java.util.Optional;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A streaming job the {@link FlinkService} runs in its MiniCluster: the flink-jobs pipeline in the
 * product ({@link TenantPulsePipelines}), a small stateful one in this module's tests. The service
 * owns the environment (checkpoint storage, restore point, parallelism); the pipeline only adds its
 * sources, operators and sinks to it.
 */
public interface StreamingPipeline {

  String jobName();

  /**
   * The Kafka consumer group whose offsets the job commits at each checkpoint (the Kafka lag of
   * {@code /api/pipeline} is measured against it); empty when it commits none.
   */
  Optional<String> consumerGroup();

  /**
   * The table ({@code database.table}) where the job sets aside the records it cannot process;
   * {@code /api/pipeline} shows how many there are. Empty when the job keeps none.
   */
  default Optional<String> rejectedEventsTable() {
    return Optional.empty();
  }

  /** Adds the job to {@code env}; the service then submits it. */
  void define(StreamExecutionEnvironment env, PipelineEndpoints endpoints);

  /**
   * What a pipeline connects to in this process.
   *
   * @param clickhouseUrl the process's one {@code jdbc:chdb:} URL
   */
  record PipelineEndpoints(String kafkaBootstrapServers, String topic, String clickhouseUrl) {}
}
