package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one process writes, the next one reads: each step runs in a child JVM of its own (chDB
 * admits one data directory per process, forever), on a data directory of its own, not the test
 * engine's.
 */
class ChdbRestartTests {

  /**
   * Loading the 0.5 GB engine and booting it takes seconds; a hung child must not hang the build.
   */
  private static final long CHILD_TIMEOUT_SECONDS = 180;

  private record Child(int exitCode, List<String> stdout, String stderr) {}

  private static Child runChild(Path dataDir, Path logs, String... sql)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Xmx256m");
    command.add("-Dstdout.encoding=UTF-8");
    String library = System.getProperty("chdb.library");
    if (library != null) {
      command.add("-Dchdb.library=" + library);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChdbChildProcess.class.getName());
    command.add(dataDir.toString());
    command.addAll(List.of(sql));
    Path out = Files.createTempFile(logs, "child", ".out");
    Path err = Files.createTempFile(logs, "child", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError(
          "child JVM still running after "
              + CHILD_TIMEOUT_SECONDS
              + " s: "
              + Files.readString(err));
    }
    return new Child(
        process.exitValue(),
        Files.readAllLines(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void rowsWrittenByOneProcessAreReadByTheNext(@TempDir Path temp) throws Exception {
    Path data = Files.createDirectory(temp.resolve("data"));
    Path logs = Files.createDirectory(temp.resolve("logs"));

    Child writer =
        runChild(
            data,
            logs,
            "CREATE DATABASE restart",
            "CREATE TABLE restart.tenants (id UInt32, name String, joined Date)"
                + " ENGINE = MergeTree ORDER BY id",
            "INSERT INTO restart.tenants VALUES (1, 'acme', '2026-01-02'), (2, 'globex', '2026-03-04')",
            "INSERT INTO restart.tenants VALUES (3, 'it''s ünïcode', '2026-05-06')",
            "SELECT count() FROM restart.tenants");
    assertThat(writer.exitCode()).as(writer.stderr()).isZero();
    assertThat(writer.stdout()).containsExactly("3");

    Child reader = runChild(data, logs, "SELECT id, name, joined FROM restart.tenants ORDER BY id");
    assertThat(reader.exitCode()).as(reader.stderr()).isZero();
    assertThat(reader.stdout())
        .containsExactly(
            "1\tacme\t2026-01-02", "2\tglobex\t2026-03-04", "3\tit's ünïcode\t2026-05-06");
    assertThat(data).isNotEqualTo(TestEngine.dataDir());
  }
}
