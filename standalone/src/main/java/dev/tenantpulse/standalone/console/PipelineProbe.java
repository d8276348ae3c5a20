package dev.tenantpulse.standalone.console;

/**
 * What the runtime tells the console about the parts it runs: the Kafka topic and the Flink job.
 */
public interface PipelineProbe {

  PipelineStatus.Kafka kafka();

  PipelineStatus.Flink flink();
}
