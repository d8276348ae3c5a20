package dev.tenantpulse.standalone.support;

import dev.tenantpulse.standalone.DataDirectory;
import dev.tenantpulse.standalone.Endpoints;
import dev.tenantpulse.standalone.StandaloneOptions;
import dev.tenantpulse.standalone.TenantPulseRuntime;
import dev.tenantpulse.standalone.flink.TenantPulsePipelines;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one runtime of the test JVM (chDB admits one data path per process, so every runtime of this
 * JVM uses the same data directory): started on first use with free ports and the {@link
 * CountingPipeline} as its Flink job, stopped when the JVM ends. {@link #restart()} stops it and
 * starts a new one on the same data, as a user's restart does.
 */
public final class RunningRuntime {

  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
  public static final String DEV_KEY = "tp_test_server_key";

  /**
   * The database the console's built-in boards read in tests: tests fill it with a scenario's
   * oracle rows, leaving {@code tenant_pulse} as the pipeline tests expect it.
   */
  public static final String BOARDS_DATABASE = "board_pages";

  private static final Path DATA = createDataDir();
  private static RunningRuntime current;

  private final DataDirectory data;
  private final TenantPulseRuntime runtime;
  private final Endpoints endpoints;

  private RunningRuntime() throws Exception {
    StandaloneOptions options =
        StandaloneOptions.parse(
            List.of(
                "--data-dir", DATA.toString(),
                "--port", "0",
                "--alerting-port", "0",
                "--console-port", "0",
                "--clickhouse-http-port", "0",
                "--flink-ui-port", "0",
                "--kafka-port", "0",
                "--admin-token", ADMIN_TOKEN,
                "--dev-key", DEV_KEY,
                "--boards-database", BOARDS_DATABASE),
            Map.of());
    data = new DataDirectory(options.dataDir());
    data.lock();
    CountingPipeline.createTable("jdbc:chdb:" + data.clickhouse());
    runtime =
        new TenantPulseRuntime(
            options,
            data,
            TenantPulsePipelines.Availability.of(new CountingPipeline()),
            TenantPulseRuntime.Extensions.none(),
            new PrintStream(System.out, true));
    endpoints = runtime.start();
  }

  /** The running runtime, started on first use. */
  public static synchronized RunningRuntime get() {
    if (current == null) {
      try {
        current = new RunningRuntime();
      } catch (Exception e) {
        throw new IllegalStateException("the test runtime did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(RunningRuntime::stopCurrent));
    }
    return current;
  }

  /** Stops the runtime (the Flink job with a savepoint) and starts a new one on the same data. */
  public static synchronized RunningRuntime restart() {
    stopCurrent();
    return get();
  }

  /**
   * Stops the runtime of this JVM if one runs (a test that starts a process of its own frees the
   * memory and cores first).
   */
  public static synchronized void stopIfRunning() {
    stopCurrent();
  }

  private static synchronized void stopCurrent() {
    if (current != null) {
      current.runtime.stop();
      current.data.close();
      current = null;
    }
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public String warehouseUrl() {
    return runtime.warehouseUrl();
  }

  public static Path dataDir() {
    return DATA;
  }

  private static Path createDataDir() {
    try {
      Path target = Path.of("target").toAbsolutePath();
      Files.createDirectories(target);
      return Files.createTempDirectory(target, "standalone-runtime-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
