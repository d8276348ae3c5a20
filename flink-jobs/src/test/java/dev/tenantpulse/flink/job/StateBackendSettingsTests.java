package dev.tenantpulse.flink.job;

import static dev.tenantpulse.flink.testing.TestEvents.minutes;
import static dev.tenantpulse.flink.testing.TestEvents.received;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.config.JobConfig;
import dev.tenantpulse.flink.dedup.FirstCopyFilter;
import dev.tenantpulse.flink.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackendFactory;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the job's own configuration asks of the state backend reaches RocksDB. */
class StateBackendSettingsTests {

  @Test
  void theJobsBloomFilterOptionIsRocksDbsOwnKey() {
    assertThat(TenantPulseJob.ROCKSDB_BLOOM_FILTER.key())
        .isEqualTo(RocksDBConfigurableOptions.USE_BLOOM_FILTER.key());
  }

  @Test
  void dedupStateOnRocksDbIsWrittenWithBloomFilters(@TempDir Path dir) throws Exception {
    JobConfig config = TestJobs.config("bloom", "db");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    TenantPulseJob.configure(env, config);
    Configuration jobSettings = Configuration.fromMap(env.getConfiguration().toMap());
    jobSettings.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    // As a task manager builds the backend: from the job's settings.
    EmbeddedRocksDBStateBackend backend =
        new EmbeddedRocksDBStateBackendFactory()
            .createFromConfig(jobSettings, getClass().getClassLoader());
    backend.setDbStoragePath(dir.toString());

    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new FirstCopyFilter(JobConfig.DEFAULT_DEDUP_TTL)),
            FirstCopyFilter.KEY,
            Types.STRING)) {
      harness.setStateBackend(backend);
      harness.open();
      harness.processElement(new StreamRecord<>(received("acme", "e-1", minutes(1), 0), 0));

      List<String> optionsFiles = rocksDbOptionsFiles(dir);
      assertThat(optionsFiles).isNotEmpty();
      for (String options : optionsFiles) {
        assertThat(options).contains("filter_policy=bloomfilter");
      }
    }
  }

  private static List<String> rocksDbOptionsFiles(Path dir) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(f -> f.getFileName().toString().startsWith("OPTIONS-")).toList();
    }
    List<String> contents = new ArrayList<>();
    for (Path f : files) {
      contents.add(Files.readString(f));
    }
    return contents;
  }
}
