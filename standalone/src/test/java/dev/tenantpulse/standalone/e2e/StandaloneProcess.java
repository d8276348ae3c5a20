package dev.tenantpulse.standalone.e2e;

import dev.tenantpulse.standalone.Endpoints;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * {@code bin/tenant-pulse} as a child process: the same main class with the JVM options of {@code
 * standalone/jvm.options} (which the script reads too), on the class path this build produced (the
 * script would build it with Maven; a test cannot run Maven inside Maven). Its terminal output goes
 * to a file in the data directory; it is stopped with SIGTERM, as Ctrl-C or a service manager does.
 */
public final class StandaloneProcess implements AutoCloseable {

  /** Class path entries to put first (for running this test against unpublished sibling builds). */
  static final String PREPEND_PROPERTY = "tenant.pulse.e2e.prepend-classpath";

  private final Path dataDir;
  private final Path output;
  private final Map<String, String> environment;
  private Process process;

  public StandaloneProcess(Path dataDir) {
    this(dataDir, Map.of());
  }

  /**
   * @param environment variables added to this JVM's for the child (as a user exports them, e.g.
   *     {@code TENANT_PULSE_BILLING_ENABLED=true})
   */
  public StandaloneProcess(Path dataDir, Map<String, String> environment) {
    this.dataDir = dataDir;
    this.output = dataDir.resolveSibling(dataDir.getFileName() + "-terminal.log");
    this.environment = Map.copyOf(environment);
  }

  /** The child's class path: this JVM's, less test classes (the child logs like a user's run). */
  static List<String> classPath() {
    List<String> entries = new ArrayList<>();
    String prepend = System.getProperty(PREPEND_PROPERTY, "");
    if (!prepend.isBlank()) {
      entries.addAll(Arrays.asList(prepend.split(File.pathSeparator)));
    }
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.endsWith("test-classes")) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** Whether the child's class path holds {@code className}. */
  static boolean hasClass(String className) {
    String file = className.replace('.', '/') + ".class";
    for (String entry : classPath()) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path) ? Files.exists(path.resolve(file)) : jarHas(path, file)) {
        return true;
      }
    }
    return false;
  }

  private static boolean jarHas(Path jar, String file) {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.getJarEntry(file) != null;
    } catch (IOException e) {
      return false;
    }
  }

  static List<String> jvmOptions() throws IOException {
    Path file = Path.of("jvm.options").toAbsolutePath();
    if (!Files.exists(file)) {
      file = Path.of("standalone/jvm.options").toAbsolutePath();
    }
    return Files.readAllLines(file).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  /** Starts the process and waits until it printed its endpoints (everything started). */
  public Endpoints start(Duration timeout, List<String> args) throws Exception {
    Files.deleteIfExists(dataDir.resolve("endpoints.json"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath()));
    command.add("dev.tenantpulse.standalone.TenantPulseStandalone");
    command.add("--data-dir");
    command.add(dataDir.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("TENANT_PULSE_DATA");
    builder.environment().putAll(environment);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    process = builder.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    Path endpoints = dataDir.resolve("endpoints.json");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "tenant-pulse exited with " + process.exitValue() + " while starting:\n" + terminal());
      }
      if (Files.exists(endpoints)) {
        return Endpoints.read(endpoints);
      }
      Thread.sleep(250);
    }
    throw new AssertionError("tenant-pulse did not start within " + timeout + ":\n" + terminal());
  }

  /**
   * Stops the process as Ctrl-C would and waits for it.
   *
   * @return its exit code
   */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy(); // SIGTERM: the shutdown hook stops everything in order
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("tenant-pulse did not stop within " + timeout + ":\n" + terminal());
    }
    return process.exitValue();
  }

  public String terminal() {
    try {
      return Files.exists(output) ? Files.readString(output) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
