package dev.tenantpulse.flink.bench;

import dev.tenantpulse.flink.config.JobConfig;
import dev.tenantpulse.flink.dedup.FirstCopyFilter;
import dev.tenantpulse.flink.eventtime.EventTimeOptions;
import dev.tenantpulse.flink.job.TenantPulseJob;
import dev.tenantpulse.flink.metrics.ErasureAwareTenantEvents;
import dev.tenantpulse.flink.metrics.MetricOptions;
import dev.tenantpulse.flink.metrics.TenantEventsFunction;
import dev.tenantpulse.flink.metrics.TenantFact;
import dev.tenantpulse.flink.metrics.TenantStateOperator;
import dev.tenantpulse.flink.metrics.active.ActiveTenantsFunction;
import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.flink.source.TenantErasure;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.StreamTask;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

/**
 * CPU per event of the job's costly keyed operators one at a time, on one thread, each in Flink's
 * operator test harness on the state backend the job uses (RocksDB by default), against a keyed
 * operator that only forwards, in the same harness and run. No broker, chDB, network or scheduling
 * between tasks: the whole-job benchmark ({@link FlinkBenchmark}) moves by ±15 % from run to run on
 * this 2-core machine, which hides the 5-10 % a change to one operator makes; this one repeats
 * within a few percent. Run by {@code bin/bench-flink --operators}.
 *
 * <p>Input: the large scenario's arrivals in arrival order, watermarks every 1,000 events at the
 * newest event time minus the default disorder bound, as the source would send them. Stages: the
 * dedup on every arrival; the per-tenant operator on the first copies not late; the active-tenants
 * aggregator on the facts the per-tenant operator sent. Not measured: checkpoints, the sinks.
 */
public final class OperatorBenchmark {

  private static final int WATERMARK_EVERY = 1_000;
  private static final int CLEAR_EVERY = 10_000;

  /**
   * Events between two checkpoints of the per-tenant operator: the job checkpoints every 10 s,
   * ~280,000 events at its measured rate; more often here, which only costs the cache more.
   */
  private static final int CHECKPOINT_EVERY = 100_000;

  /** {@code --flink key=value}: state backend options (RocksDB's, for example). */
  private static final Configuration FLINK_SETTINGS = new Configuration();

  private OperatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tenants = 10_000;
    long seed = 42;
    String backend = "rocksdb";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--tenants" -> tenants = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--state-backend" -> backend = args[i + 1];
        case "--flink" -> {
          String[] kv = args[i + 1].split("=", 2);
          FLINK_SETTINGS.setString(kv[0], kv.length > 1 ? kv[1] : "");
        }
        default -> {
          System.err.println(
              "unknown option " + args[i] + " (--tenants, --seed, --state-backend, --flink k=v)");
          System.exit(2);
        }
      }
    }
    System.out.printf(
        "Operator benchmark: %d tenants, seed %d, state backend %s, one thread, load average %.1f"
            + " at start%n",
        tenants,
        seed,
        backend,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.large(seed).withTenants(tenants));
    List<ReceivedEvent> arrivals = new ArrayList<>();
    List<TenantEvent> counted = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long offset = 0;
    for (ScenarioEvent a : scenario.arrivals()) {
      arrivals.add(new ReceivedEvent(a.event(), a.receivedAt().toEpochMilli(), 0, offset++, false));
      if (!a.late() && seen.add(a.event().tenantId() + "\u0000" + a.event().id())) {
        counted.add(a.event());
      }
    }
    seen = null;
    System.out.printf(
        "%,d arrivals, %,d counted events (first copies, not late)%n",
        arrivals.size(), counted.size());

    Stage forward = forwarding(arrivals, backend);
    Stage dedup = dedup(arrivals, backend);
    List<Object> facts = new ArrayList<>();
    Stage perTenant = perTenant(counted, backend, facts);
    Stage active = activeTenants(facts, backend);
    System.out.println(forward.line(null));
    System.out.println(dedup.line(forward));
    System.out.println(perTenant.line(forward));
    System.out.println(active.line(forward));
    System.out.printf(
        "load average at the end %.1f (other work on the machine moves these figures)%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** A measured stage: its name, events in, CPU time of the process. */
  record Stage(String name, long events, long cpuNanos, long wallNanos) {

    double microsPerEvent() {
      return cpuNanos / 1e3 / events;
    }

    String line(Stage baseline) {
      String ratio =
          baseline == null
              ? "baseline"
              : String.format(
                  "%.1f x the forwarding operator", microsPerEvent() / baseline.microsPerEvent());
      return String.format(
          "%-52s %,10d events %7.2f µs CPU/event  %,9.0f events/s  %s",
          name, events, microsPerEvent(), events / (wallNanos / 1e9), ratio);
    }
  }

  private static Stage forwarding(List<ReceivedEvent> arrivals, String backend) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new Forward()),
            (ReceivedEvent e) -> e.event().tenantId(),
            Types.STRING);
    return runOneInput("forwarding keyed operator (baseline)", harness, arrivals, backend);
  }

  private static Stage dedup(List<ReceivedEvent> arrivals, String backend) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new FirstCopyFilter(JobConfig.DEFAULT_DEDUP_TTL)),
            FirstCopyFilter.KEY,
            Types.STRING);
    return runOneInput("drop duplicates (every arrival)", harness, arrivals, backend);
  }

  private static <T> Stage runOneInput(
      String name,
      KeyedOneInputStreamOperatorTestHarness<String, ReceivedEvent, T> harness,
      List<ReceivedEvent> arrivals,
      String backend)
      throws Exception {
    harness.setStateBackend(stateBackend(backend));
    harness.open();
    CpuMeter cpu = CpuMeter.start();
    long newest = Long.MIN_VALUE;
    for (int i = 0; i < arrivals.size(); i++) {
      ReceivedEvent e = arrivals.get(i);
      newest = Math.max(newest, e.eventTime());
      harness.processElement(new StreamRecord<>(e, e.eventTime()));
      if (i % WATERMARK_EVERY == WATERMARK_EVERY - 1) {
        harness.processWatermark(new Watermark(newest - disorderMs()));
      }
      if (i % CLEAR_EVERY == CLEAR_EVERY - 1) {
        harness.getOutput().clear();
      }
    }
    CpuMeter.Reading r = cpu.lap();
    harness.close();
    return new Stage(name, arrivals.size(), r.cpuNanos(), r.wallNanos());
  }

  private static Stage perTenant(List<TenantEvent> events, String backend, List<Object> facts)
      throws Exception {
    MetricOptions options = MetricOptions.defaults();
    var operator =
        new RowsToSinks(
            new ErasureAwareTenantEvents(
                new TenantEventsFunction(
                    options.catalogView(),
                    options.allowedLateness().toMillis(),
                    options.retentionMargin().toMillis(),
                    options.emitRange())));
    var harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            operator, TenantEvent::tenantId, TenantErasure::tenantId, Types.STRING);
    harness.setStateBackend(stateBackend(backend));
    harness.open();
    CpuMeter cpu = CpuMeter.start();
    long newest = Long.MIN_VALUE;
    for (int i = 0; i < events.size(); i++) {
      TenantEvent e = events.get(i);
      long ts = e.timestamp().toEpochMilli();
      newest = Math.max(newest, ts);
      harness.processElement1(new StreamRecord<>(e, ts));
      if (i % WATERMARK_EVERY == WATERMARK_EVERY - 1) {
        harness.processBothWatermarks(new Watermark(newest - disorderMs()));
        drainFacts(harness, facts);
        facts.add(new Watermark(newest - disorderMs()));
      }
      if (i % CHECKPOINT_EVERY == CHECKPOINT_EVERY - 1) {
        // What the job's checkpoint barriers do: the state cache's pending writes reach RocksDB.
        harness.prepareSnapshotPreBarrier(i / CHECKPOINT_EVERY + 1);
      }
    }
    CpuMeter.Reading r = cpu.lap();
    drainFacts(harness, facts);
    harness.close();
    System.out.printf(
        "per-tenant operator: %,d table rows for the sinks (counted, not kept)%n", operator.rows());
    return new Stage(
        "per-tenant operator (counted events)", events.size(), r.cpuNanos(), r.wallNanos());
  }

  /** Moves the facts out of the harness (kept as the aggregator's input, not timed there). */
  @SuppressWarnings("unchecked")
  private static void drainFacts(AbstractStreamOperatorTestHarness<?> harness, List<Object> facts) {
    for (Object o : harness.getOutput()) {
      if (o instanceof StreamRecord<?> r && r.getValue() instanceof TenantFact f) {
        switch (f.kind()) {
          case ACTIVE_HOUR, LIFECYCLE, FORGET -> facts.add(f);
          default -> {
            // the other aggregators' facts
          }
        }
      }
    }
    harness.getOutput().clear();
  }

  private static Stage activeTenants(List<Object> facts, String backend) throws Exception {
    MetricOptions options = MetricOptions.defaults();
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new ActiveTenantsFunction(
                    options.catalogView().plansWithUnknown(),
                    options.allowedLateness().toMillis(),
                    options.retentionMargin().toMillis(),
                    false,
                    options.emitRange())),
            (TenantFact f) -> 0,
            Types.INT);
    harness.setStateBackend(stateBackend(backend));
    harness.open();
    CpuMeter cpu = CpuMeter.start();
    long count = 0;
    for (Object o : facts) {
      if (o instanceof Watermark w) {
        harness.processWatermark(w);
        harness.getOutput().clear();
      } else {
        TenantFact f = (TenantFact) o;
        harness.processElement(new StreamRecord<>(f, f.time()));
        count++;
      }
    }
    CpuMeter.Reading r = cpu.lap();
    harness.close();
    return new Stage("active-tenants aggregator (its facts)", count, r.cpuNanos(), r.wallNanos());
  }

  private static long disorderMs() {
    return EventTimeOptions.DEFAULT_DISORDER_BOUND.toMillis();
  }

  /**
   * RocksDB with the job's own settings and the one-process runtime's 128 MB per slot (fixed here:
   * the harness has almost no managed memory, and RocksDB would flush and compact all the time, as
   * {@link FlinkBenchmark} found with the test cluster's 16 MB).
   */
  private static StateBackend stateBackend(String name) {
    if ("hashmap".equals(name)) {
      return new HashMapStateBackend();
    }
    Configuration settings = new Configuration();
    settings.set(RocksDBOptions.FIX_PER_SLOT_MEMORY_SIZE, MemorySize.ofMebiBytes(128));
    settings.addAll(TenantPulseJob.stateBackendSettings());
    settings.addAll(FLINK_SETTINGS);
    return new EmbeddedRocksDBStateBackend(true)
        .configure(settings, OperatorBenchmark.class.getClassLoader());
  }

  /**
   * The per-tenant operator with its rows (side outputs) handed to no one, as chained sinks would
   * take them, instead of the harness's copy of each ({@link SideOutputsCounted}).
   */
  private static final class RowsToSinks extends TenantStateOperator {
    private static final long serialVersionUID = 1L;
    private transient SideOutputsCounted<TenantFact> counted;

    RowsToSinks(ErasureAwareTenantEvents function) {
      super(function);
    }

    @Override
    protected void setup(
        StreamTask<?, ?> task, StreamConfig config, Output<StreamRecord<TenantFact>> output) {
      counted = new SideOutputsCounted<>(output);
      super.setup(task, config, counted);
    }

    long rows() {
      return counted.dropped();
    }
  }

  /** Forwards every event: the harness's and the keyed input's own cost. */
  private static final class Forward
      extends KeyedProcessFunction<String, ReceivedEvent, ReceivedEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ReceivedEvent e, Context ctx, Collector<ReceivedEvent> out) {
      out.collect(e);
    }
  }
}
