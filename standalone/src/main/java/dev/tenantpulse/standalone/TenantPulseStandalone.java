package dev.tenantpulse.standalone;

import dev.tenantpulse.standalone.demo.Demo;
import dev.tenantpulse.standalone.flink.TenantPulsePipelines;
import dev.tenantpulse.standalone.lifecycle.ServiceChain;
import dev.tenantpulse.standalone.spring.ProcessLogging;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/tenant-pulse}: Tenant Pulse in one process, on the embedded default. See {@link
 * TenantPulseRuntime} for what starts in which order and {@link StandaloneOptions#usage()} for the
 * command line.
 *
 * <p>The terminal shows one progress line per part, then where everything listens; the full log is
 * in {@code <data-dir>/logs/tenant-pulse.log} (warnings and errors also go to the terminal). Ctrl-C
 * (SIGINT) or SIGTERM stops everything cleanly through a shutdown hook.
 */
public final class TenantPulseStandalone {

  /** Read by logback.xml: where the log file goes. Set before the first logger exists. */
  static final String LOG_DIR_PROPERTY = "tenant.pulse.log.dir";

  private TenantPulseStandalone() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("users")) {
      System.exit(
          UsersCommand.run(
              List.of(args).subList(1, args.length),
              System.getenv(),
              System.in,
              System.out,
              System.err));
      return;
    }
    StandaloneOptions options;
    try {
      options = StandaloneOptions.parse(List.of(args), System.getenv());
    } catch (StandaloneOptions.UsageException e) {
      System.err.println("tenant-pulse: " + e.getMessage());
      System.err.println("Run with --help for the options.");
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(StandaloneOptions.usage());
      return;
    }
    System.exit(run(options, System.out));
  }

  /**
   * Runs until the JVM is asked to stop.
   *
   * @return the exit code: 0 after a clean stop, 1 when the start failed
   */
  static int run(StandaloneOptions options, PrintStream out) {
    DataDirectory data = new DataDirectory(options.dataDir());
    System.setProperty(LOG_DIR_PROPERTY, data.logs().toString());
    // Flink's web UI shows the file named here in its job manager log tab.
    System.setProperty("log.file", data.logs().resolve("tenant-pulse.log").toString());
    ProcessLogging.install();
    try {
      data.lock();
    } catch (IllegalStateException e) {
      System.err.println("tenant-pulse: " + e.getMessage());
      return 1;
    }
    out.println("Tenant Pulse: starting on " + data.root());
    AtomicReference<TenantPulseRuntime> started = new AtomicReference<>();
    TenantPulseRuntime.Extensions extensions =
        options.demo()
            ? Demo.extensions(
                options,
                data,
                () -> started.get().collectorUrl(),
                () -> started.get().consoleUrl(),
                out)
            : TenantPulseRuntime.Extensions.none();
    TenantPulseRuntime runtime =
        new TenantPulseRuntime(
            options,
            data,
            TenantPulsePipelines.tenantPulse(options.jobProperties()),
            extensions,
            out);
    started.set(runtime);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              out.println();
              out.println("Stopping Tenant Pulse …");
              runtime.stop();
              data.close();
              out.println("Stopped.");
              out.flush();
              stopped.countDown();
            },
            "tenant-pulse-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Endpoints endpoints;
    try {
      endpoints = runtime.start();
    } catch (ServiceChain.StartFailure e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      data.close();
      System.err.println("tenant-pulse: " + e.getMessage());
      System.err.println("The full log is in " + data.logs().resolve("tenant-pulse.log"));
      return 1;
    }
    endpoints.summary(runtime.adminToken()).forEach(out::println);
    out.flush();
    LoggerFactory.getLogger(TenantPulseStandalone.class)
        .info("Tenant Pulse started: {}", endpoints);
    try {
      stopped.await(); // the shutdown hook counts down once everything has stopped
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
