package dev.tenantpulse.standalone.soak;

import dev.tenantpulse.standalone.Endpoints;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The lines above the rows: what the run does and what it runs against, the state backend included
 * (the figures mean little without it).
 */
final class Header {

  private Header() {}

  static void options(PrintStream out, SoakOptions options, String run) {
    out.printf(
        Locale.ROOT,
        "soak: %,d unique activity events at %,.0f/s (%s) over %,d tenants, %d connections,"
            + " 500 per request, a row every %d s; re-send %,d old ids%s; RSS budget %.1f GB;"
            + " load deadline %d min; ids soak-%s-<n>%n",
        options.events(),
        options.rate(),
        Row.clock(options.events() / options.rate()),
        options.tenants(),
        options.connections(),
        options.every().toSeconds(),
        options.resend(),
        options.restart() ? ", restart and re-send again" : "",
        options.maxRssBytes() / 1e9,
        options.loadDeadline().toMinutes(),
        run);
  }

  static void runtime(PrintStream out, SoakTarget target, Probe probe) {
    Endpoints endpoints = target.endpoints();
    out.println(
        "runtime: pid "
            + endpoints.pid()
            + ", data "
            + endpoints.dataDir()
            + ", collector "
            + endpoints.collector()
            + ", console "
            + endpoints.console()
            + ", Flink "
            + endpoints.flinkUi());
    if (target.ownsProcess()) {
      out.println(
          "  terminal output "
              + target.terminalLog()
              + ", log "
              + Path.of(endpoints.dataDir(), "logs", "tenant-pulse.log"));
    }
    Probe.Progress p = probe.progress();
    Map<String, String> state =
        p.jobId() == null ? Map.of() : probe.flink().stateSettings(p.jobId());
    out.println(
        "  Flink job "
            + p.jobId()
            + " "
            + p.jobState()
            + "; state settings "
            + (state.isEmpty() ? "(none set: the heap backend by default)" : state));
    out.println(
        "  columns: job in = events into the dedup operator since the job (re)started;"
            + " rows = count() of events; lag = Kafka lag at the last checkpoint; ckpt MB ="
            + " DIR/flink/checkpoints and savepoints on disk; local MB = the RocksDB instances'"
            + " directories; old% = old generation still used after the last GC; peak = VmHWM; ckpt s, f/i = newest checkpoint's duration, full state"
            + " and what it wrote; in/s, p99 = client side over the interval");
  }
}
