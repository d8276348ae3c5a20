package dev.tenantpulse.standalone.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo prints a viewer login that works, and the same one on every restart. */
class DemoViewerTests {

  @TempDir Path dir;

  @Test
  void printsAWorkingViewerLoginAndKeepsItAcrossRestarts() throws Exception {
    Path users = dir.resolve("users.json");
    Path passwordFile = dir.resolve("demo/viewer-password");
    String first = start(users, passwordFile);
    String password = Files.readString(passwordFile).strip();
    assertThat(first).contains("http://127.0.0.1:8082/").contains("'demo'").contains(password);
    Credentials credentials = new Credentials(null, new FileUserStore(users));
    assertThat(credentials.authenticate("demo", password))
        .hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.VIEWER));

    assertThat(start(users, passwordFile)).contains(password);

    Files.delete(passwordFile); // lost: a new password replaces the old one
    start(users, passwordFile);
    String renewed = Files.readString(passwordFile).strip();
    assertThat(renewed).isNotEqualTo(password);
    assertThat(credentials.authenticate("demo", renewed)).isPresent();
    assertThat(credentials.authenticate("demo", password)).isEmpty();
  }

  private static String start(Path users, Path passwordFile) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new DemoViewer(users, passwordFile, () -> "http://127.0.0.1:8082", out).start();
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
