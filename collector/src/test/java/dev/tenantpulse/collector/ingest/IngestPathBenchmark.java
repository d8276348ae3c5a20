package dev.tenantpulse.collector.ingest;

import static org.mockito.Mockito.mock;

import dev.tenantpulse.collector.auth.ApiKeyPrincipal;
import dev.tenantpulse.collector.entitlements.TenantPlans;
import dev.tenantpulse.collector.limits.RateLimiter;
import dev.tenantpulse.collector.loadgen.BatchTemplates;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * The native ingest path alone, without HTTP or Kafka: the load generator's bodies through the tree
 * path and through the streaming pass, in one thread, alternating rounds so both see the same
 * machine. Isolates what the streaming pass changed from the noise of {@code bin/bench-collector}
 * on a shared machine. Run: {@code java -cp … dev.tenantpulse.collector.ingest.IngestPathBenchmark
 * [rounds] [seconds per round]}.
 */
public final class IngestPathBenchmark {

  private IngestPathBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    Instant now = Instant.now();
    BatchTemplates templates = new BatchTemplates(42, 100, 1_000, 64, now);
    byte[][] bodies = new byte[64][];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = templates.render(i);
    }
    long[] sink = new long[1];
    IngestService service =
        new IngestService(
            new EventValidator(PlanCatalog.defaultCatalog()),
            (events, at) -> events.forEach(e -> sink[0] += e.json().length),
            new RateLimiter(1_000_000_000, 1_000_000_000, System::nanoTime, "events"),
            mock(TenantPlans.class),
            Clock.systemUTC(),
            new SimpleMeterRegistry());
    EventsController controller = new EventsController(null, service);
    ApiKeyPrincipal key = new ApiKeyPrincipal("bench", "bench", null);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      for (String path : new String[] {"tree", "stream"}) {
        BiFunction<ApiKeyPrincipal, byte[], IngestResult> ingest =
            path.equals("tree") ? controller::ingestTree : controller::ingestBody;
        long events = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < deadline) {
          events += ingest.apply(key, bodies[i++ & 63]).accepted();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3;
        System.out.printf(
            "round %d %-6s %,10.0f events/s (wall)  %6.2f µs CPU/event%n",
            round, path, events / wall, cpuMicros / events);
      }
    }
    System.out.println("(bytes published: " + sink[0] + ")");
  }
}
