package dev.tenantpulse.standalone.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real npm packages for tests: a directory under {@code src/test/js} (package.json and
 * package-lock.json pin every version) copied to {@code target/js} and installed there with {@code
 * npm ci} once; then Node runs scripts in it. {@code .ci/run} installs Node and npm.
 */
public final class NodePackages {

  private final Path work;

  private NodePackages(Path work) {
    this.work = work;
  }

  /**
   * Copies {@code files} of {@code src/test/js/<name>} to {@code target/js/<name>} and installs its
   * packages unless {@code installedModule} (a directory under node_modules) is there already.
   */
  public static synchronized NodePackages install(
      String name, List<String> files, String installedModule) {
    Path source = Path.of("src/test/js", name);
    Path work = Path.of("target/js", name);
    try {
      Files.createDirectories(work);
      for (String file : files) {
        Path to = work.resolve(file);
        Files.createDirectories(to.getParent());
        Files.copy(source.resolve(file), to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NodePackages packages = new NodePackages(work);
    if (!Files.isDirectory(work.resolve("node_modules").resolve(installedModule))) {
      packages.run(300, "npm", "ci", "--no-audit", "--no-fund");
    }
    return packages;
  }

  public Path directory() {
    return work;
  }

  /** Runs {@code command} in the package directory; its output, or an error with it. */
  public String run(int seconds, String... command) {
    return run(new ProcessBuilder(command), seconds);
  }

  /** Runs {@code builder} (its directory set here); its output, or an error with it. */
  public String run(ProcessBuilder builder, int seconds) {
    try {
      // Output to a file, not a pipe: a script that hangs must still end at the deadline.
      Path output = Files.createTempFile(work.toAbsolutePath(), "run-", ".log");
      builder.directory(work.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
      Process process = builder.start();
      boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly();
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      Files.deleteIfExists(output);
      if (!finished) {
        throw new IllegalStateException(
            builder.command() + " did not finish in " + seconds + " s:\n" + text);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(builder.command() + " failed:\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
