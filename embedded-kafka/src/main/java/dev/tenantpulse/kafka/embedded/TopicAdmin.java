package dev.tenantpulse.kafka.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates topics on the embedded broker and waits until every partition has its leader. */
final class TopicAdmin {

  private static final Duration POLL = Duration.ofMillis(20);

  private TopicAdmin() {}

  /**
   * Creates {@code name} with {@code partitions} partitions unless it exists with that count, then
   * waits until the broker serves every partition, so a consumer assigned right after sees them.
   */
  static void createTopic(String bootstrapServers, String name, int partitions, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000)))) {
      try {
        admin
            .createTopics(
                List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())),
                new CreateTopicsOptions().timeoutMs(timeoutMs))
            .all()
            .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      awaitLeaders(admin, name, partitions, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException("Interrupted while creating topic " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new EmbeddedKafkaException(
          "Cannot create topic " + name + " on " + bootstrapServers + ": " + cause, cause);
    }
  }

  private static void awaitLeaders(Admin admin, String name, int partitions, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      List<TopicPartitionInfo> found = describe(admin, name, deadline);
      if (found != null && found.size() != partitions) {
        throw new EmbeddedKafkaException(
            "Topic " + name + " exists with " + found.size() + " partitions, not " + partitions);
      }
      if (found != null
          && found.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
        return;
      }
      if (remainingMillis(deadline) <= POLL.toMillis()) {
        throw new TimeoutException("partitions of " + name + " still have no leader: " + found);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * The topic's partitions as the broker serves them, or null while the broker has not yet applied
   * the controller's record of the topic (creation is acknowledged by the controller first).
   */
  private static List<TopicPartitionInfo> describe(Admin admin, String name, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      TopicDescription description =
          admin
              .describeTopics(List.of(name))
              .allTopicNames()
              .get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
              .get(name);
      return description.partitions();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw e;
    }
  }

  static long remainingMillis(long deadlineNanos) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }
}
