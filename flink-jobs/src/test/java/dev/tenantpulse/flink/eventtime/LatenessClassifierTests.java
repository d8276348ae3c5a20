package dev.tenantpulse.flink.eventtime;

import static dev.tenantpulse.flink.testing.TestEvents.minutes;
import static dev.tenantpulse.flink.testing.TestEvents.received;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.source.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LatenessClassifierTests {

  private static final EventTimeOptions OPTIONS =
      new EventTimeOptions(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofHours(1));

  @Test
  void marksAnEventMoreThanTheLatenessBehindTheNewestOfItsPartition() throws Exception {
    try (var harness = harness()) {
      harness.open();
      send(harness, received("a", "1", minutes(600), 0));
      send(harness, received("b", "2", minutes(600 - 20), 0)); // disorder: in time
      send(harness, received("c", "3", minutes(600 - 61), 0)); // 61 min behind: late

      assertThat(lateById(harness)).containsEntry("1", false).containsEntry("2", false);
      assertThat(lateById(harness)).containsEntry("3", true);
    }
  }

  @Test
  void keepsEventsWithinTheLatenessPlusBound() throws Exception {
    try (var harness = harness()) {
      harness.open();
      send(harness, received("a", "1", minutes(600), 0));
      // newest - bound - lateness is the frontier of lateness: exactly there is in time
      send(
          harness,
          received("b", "2", minutes(600).minus(Duration.ofMinutes(60)).minusSeconds(30), 0));

      assertThat(lateById(harness)).containsEntry("2", false);
    }
  }

  @Test
  void judgesEachPartitionByItsOwnNewestEvent() throws Exception {
    try (var harness = harness()) {
      harness.open();
      send(harness, received("a", "1", minutes(6000), 0)); // partition 0 ran far ahead (replay)
      send(harness, received("b", "2", minutes(100), 1));

      assertThat(lateById(harness)).containsEntry("2", false);
    }
  }

  @Test
  void marksAnEventMoreThanTheLatenessBehindTheWatermark() throws Exception {
    try (var harness = harness()) {
      harness.open();
      harness.processWatermark(minutes(600).toEpochMilli()); // e.g. advanced through silence
      send(harness, received("a", "1", minutes(600 - 61), 3)); // first event of its partition
      send(harness, received("b", "2", minutes(600 - 59), 3));

      assertThat(lateById(harness)).containsEntry("1", true).containsEntry("2", false);
    }
  }

  @Test
  void remembersTheNewestEventTimePerPartitionAcrossARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var harness = harness()) {
      harness.open();
      send(harness, received("a", "1", minutes(600), 0));
      snapshot = harness.snapshot(1, 1);
    }
    try (var restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      send(restored, received("b", "2", minutes(600 - 61), 0));

      assertThat(lateById(restored)).containsEntry("2", true);
    }
  }

  private static OneInputStreamOperatorTestHarness<ReceivedEvent, ReceivedEvent> harness()
      throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new ProcessOperator<>(new LatenessClassifier(OPTIONS)));
  }

  private static void send(
      OneInputStreamOperatorTestHarness<ReceivedEvent, ReceivedEvent> harness, ReceivedEvent e)
      throws Exception {
    harness.processElement(new StreamRecord<>(e, e.eventTime()));
  }

  private static Map<String, Boolean> lateById(
      OneInputStreamOperatorTestHarness<ReceivedEvent, ReceivedEvent> harness) {
    List<ReceivedEvent> out = harness.extractOutputValues();
    return out.stream()
        .collect(Collectors.toMap(e -> e.event().id(), ReceivedEvent::late, (a, b) -> a));
  }
}
