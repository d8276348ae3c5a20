package dev.tenantpulse.flink.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench-flink [--tenants 10000] [--seed 42] [--parallelism 2] [--partitions 4]
 * [--live-seconds 20] [--batch-size N] [--state-backend rocksdb|hashmap] [--flink key=value]...
 * [--job key=value]...}.
 *
 * @param tenants scenario size: 10,000 tenants is the scenario module's large scenario (~1.7 M
 *     arrivals over 40 days); fewer for a quicker run
 * @param live how long the freshness phase sends at half the measured peak
 * @param batchSize the sink's batch size, 0 for the job's default
 * @param stateBackend the whole job's state backend: rocksdb (the embedded runtime's and clusters'
 *     default, incremental checkpoints) or hashmap (heap)
 * @param flink Flink configuration for the whole job on top of the job's own, to measure a setting
 *     (for example {@code state.backend.rocksdb.timer-service.factory=HEAP})
 * @param job job properties for the whole job and freshness run, on top of the benchmark's (for
 *     example {@code source.parallelism=2})
 */
record BenchOptions(
    long seed,
    int tenants,
    int parallelism,
    int partitions,
    Duration live,
    int batchSize,
    String stateBackend,
    Map<String, String> flink,
    Map<String, String> job) {

  static BenchOptions parse(String... args) {
    long seed = 42;
    int tenants = 10_000;
    int parallelism = 2;
    int partitions = 4;
    int liveSeconds = 20;
    int batchSize = 0;
    String stateBackend = "rocksdb";
    Map<String, String> flink = new LinkedHashMap<>();
    Map<String, String> job = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String key = args[i];
      String value = i + 1 < args.length ? args[++i] : null;
      try {
        switch (key) {
          case "--seed" -> seed = Long.parseLong(value);
          case "--tenants" -> tenants = Integer.parseInt(value);
          case "--parallelism" -> parallelism = Integer.parseInt(value);
          case "--partitions" -> partitions = Integer.parseInt(value);
          case "--live-seconds" -> liveSeconds = Integer.parseInt(value);
          case "--batch-size" -> batchSize = Integer.parseInt(value);
          case "--state-backend" -> stateBackend = String.valueOf(value);
          case "--flink" -> keyValue(key, value, flink, problems);
          case "--job" -> keyValue(key, value, job, problems);
          default -> problems.add("unknown option " + key);
        }
      } catch (NumberFormatException | NullPointerException e) {
        problems.add(key + " needs a number, got " + value);
      }
    }
    if (tenants < 1 || parallelism < 1 || partitions < 1 || liveSeconds < 1) {
      problems.add("--tenants, --parallelism, --partitions and --live-seconds must be >= 1");
    }
    if (!stateBackend.equals("rocksdb") && !stateBackend.equals("hashmap")) {
      problems.add("--state-backend is rocksdb or hashmap, got " + stateBackend);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          String.join("; ", problems)
              + "\nusage: bin/bench-flink [--tenants 10000] [--seed 42] [--parallelism 2]"
              + " [--partitions 4] [--live-seconds 20] [--batch-size N]"
              + " [--state-backend rocksdb|hashmap] [--flink key=value]... [--job key=value]...");
    }
    return new BenchOptions(
        seed,
        tenants,
        parallelism,
        partitions,
        Duration.ofSeconds(liveSeconds),
        batchSize,
        stateBackend,
        Map.copyOf(flink),
        Map.copyOf(job));
  }

  private static void keyValue(
      String option, String value, Map<String, String> to, List<String> problems) {
    int eq = value.indexOf('=');
    if (eq < 1) {
      problems.add(option + " takes key=value, got " + value);
    } else {
      to.put(value.substring(0, eq), value.substring(eq + 1));
    }
  }
}
