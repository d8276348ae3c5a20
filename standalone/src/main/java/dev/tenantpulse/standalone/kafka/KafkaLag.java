package dev.tenantpulse.standalone.kafka;

import dev.tenantpulse.standalone.console.PipelineStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind a topic: per partition, the end offset minus the group's
 * committed offset. Flink's Kafka source commits at each completed checkpoint, so this is the lag
 * as of the last checkpoint (at most one checkpoint interval more than the live position).
 */
public final class KafkaLag {

  private static final long TIMEOUT_SECONDS = 5;

  private KafkaLag() {}

  public static PipelineStatus.Kafka measure(
      String bootstrapServers, String topic, Optional<String> group) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) (TIMEOUT_SECONDS * 1000));
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (TIMEOUT_SECONDS * 1000));
    try (Admin admin = Admin.create(props)) {
      TopicDescription description =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(topic);
      List<TopicPartition> partitions =
          description.partitions().stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin
              .listOffsets(
                  partitions.stream()
                      .collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          group.isPresent()
              ? admin
                  .listConsumerGroupOffsets(group.get())
                  .partitionsToOffsetAndMetadata()
                  .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              : Map.of();
      List<PipelineStatus.Kafka.Partition> rows = new ArrayList<>();
      long endTotal = 0;
      long lagTotal = 0;
      for (TopicPartition partition : partitions) {
        long end = ends.get(partition).offset();
        OffsetAndMetadata done = committed.get(partition);
        Long committedOffset = done == null ? null : done.offset();
        Long lag = group.isEmpty() ? null : end - (committedOffset == null ? 0 : committedOffset);
        rows.add(
            new PipelineStatus.Kafka.Partition(partition.partition(), end, committedOffset, lag));
        endTotal += end;
        lagTotal += lag == null ? 0 : lag;
      }
      return new PipelineStatus.Kafka(
          topic, group.orElse(null), rows, endTotal, group.isPresent() ? lagTotal : null, null);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return PipelineStatus.Kafka.failed(topic, "Kafka did not answer: " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PipelineStatus.Kafka.failed(topic, "interrupted");
    }
  }
}
