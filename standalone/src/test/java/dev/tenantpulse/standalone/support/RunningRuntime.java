package dev.tenantpulse.standalone.support;

import dev.tenantpulse.standalone.Endpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

  private final CountingRuntime started;

  private RunningRuntime() throws Exception {
    started =
        CountingRuntime.start(
            DATA,
            ADMIN_TOKEN,
            List.of("--dev-key", DEV_KEY, "--boards-database", BOARDS_DATABASE),
            new PrintStream(System.out, true));
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
      current.started.stop();
      current = null;
    }
  }

  public Endpoints endpoints() {
    return started.endpoints();
  }

  public String warehouseUrl() {
    return started.warehouseUrl();
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
