package dev.tenantpulse.flink.dedup;

import static dev.tenantpulse.flink.testing.TestEvents.minutes;
import static dev.tenantpulse.flink.testing.TestEvents.received;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.source.ReceivedEvent;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same behaviour on both state backends: heap (tests, small jobs) and RocksDB (the default).
 */
class FirstCopyFilterTests {

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void letsTheFirstCopyOfAnIdThroughAndDropsLaterOnes(String backend) throws Exception {
    try (var harness = harness(backend, Duration.ofDays(7))) {
      ReceivedEvent first = received("acme", "e-1", minutes(10), 0);
      ReceivedEvent resent =
          new ReceivedEvent(first.event(), first.receivedAt() + 60_000, 2, false);
      send(harness, first);
      send(harness, resent);

      assertThat(harness.extractOutputValues()).containsExactly(first);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void treatsTheSameIdOfAnotherTenantAsAnotherEvent(String backend) throws Exception {
    try (var harness = harness(backend, Duration.ofDays(7))) {
      send(harness, received("acme", "e-1", minutes(10), 0));
      send(harness, received("globex", "e-1", minutes(10), 0));
      // a tenant/id split that would collide if the key were a plain concatenation
      send(harness, received("ab", "c", minutes(10), 0));
      send(harness, received("a", "bc", minutes(10), 0));

      assertThat(harness.extractOutputValues()).hasSize(4);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void forgetsAnIdAfterTheTimeToLive(String backend) throws Exception {
    try (var harness = harness(backend, Duration.ofDays(7))) {
      harness.setStateTtlProcessingTime(0);
      send(harness, received("acme", "e-1", minutes(10), 0));
      harness.setStateTtlProcessingTime(Duration.ofDays(7).toMillis() - 1);
      send(harness, received("acme", "e-1", minutes(10), 0));
      harness.setStateTtlProcessingTime(Duration.ofDays(7).toMillis() + 1);
      send(harness, received("acme", "e-1", minutes(10), 0));

      assertThat(harness.extractOutputValues()).hasSize(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void remembersIdsAcrossARestore(String backend) throws Exception {
    var snapshot = (org.apache.flink.runtime.checkpoint.OperatorSubtaskState) null;
    try (var harness = harness(backend, Duration.ofDays(7))) {
      send(harness, received("acme", "e-1", minutes(10), 0));
      snapshot = harness.snapshot(1, 1);
    }
    try (var restored = harness(backend, Duration.ofDays(7), false)) {
      restored.initializeState(snapshot);
      restored.open();
      send(restored, received("acme", "e-1", minutes(10), 0));
      send(restored, received("acme", "e-2", minutes(11), 0));

      assertThat(restored.extractOutputValues())
          .extracting(e -> e.event().id())
          .containsExactly("e-2");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aSnapshotFromBeforeKeysWereHashedStillRestores(String backend) throws Exception {
    // Keys were "len:tenant" + id strings; the key type did not change, so such state restores.
    var oldKeyed =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new FirstCopyFilter(Duration.ofDays(7))),
            (ReceivedEvent e) ->
                e.event().tenantId().length() + ":" + e.event().tenantId() + e.event().id(),
            Types.STRING);
    oldKeyed.setStateBackend(stateBackend(backend));
    oldKeyed.open();
    send(oldKeyed, received("acme", "e-1", minutes(10), 0));
    var snapshot = oldKeyed.snapshot(1, 1);
    oldKeyed.close();

    try (var restored = harness(backend, Duration.ofDays(7), false)) {
      restored.initializeState(snapshot);
      restored.open();
      send(restored, received("acme", "e-2", minutes(11), 0));
      send(restored, received("acme", "e-2", minutes(11), 0));

      assertThat(restored.extractOutputValues())
          .extracting(e -> e.event().id())
          .containsExactly("e-2");
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ReceivedEvent, ReceivedEvent>
      harness(String backend, Duration ttl) throws Exception {
    return harness(backend, ttl, true);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ReceivedEvent, ReceivedEvent>
      harness(String backend, Duration ttl, boolean open) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new FirstCopyFilter(ttl)),
            FirstCopyFilter.KEY,
            Types.STRING);
    harness.setStateBackend(stateBackend(backend));
    if (open) {
      harness.open();
    }
    return harness;
  }

  private static StateBackend stateBackend(String name) {
    return switch (name) {
      case "rocksdb" -> new EmbeddedRocksDBStateBackend(true);
      default -> new HashMapStateBackend();
    };
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, ReceivedEvent, ReceivedEvent> harness,
      ReceivedEvent e)
      throws Exception {
    harness.processElement(new StreamRecord<>(e, e.eventTime()));
  }
}
