package dev.tenantpulse.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Role;
import dev.tenantpulse.access.User;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/tenant-pulse users}: what an operator types, and what the services then accept. */
class UsersCommandTests {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin, String... args) {
    out.reset();
    err.reset();
    return UsersCommand.run(
        List.of(args),
        Map.of("TENANT_PULSE_DATA", dir.toString()),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Credentials credentials() {
    return new Credentials(null, new FileUserStore(dir.resolve("users.json")));
  }

  @Test
  void addsAUserWithAPasswordFromStandardInput() {
    assertThat(
            run("a-password-from-stdin\n", "add", "ana", "--role", "analyst", "--password-stdin"))
        .isZero();
    assertThat(out.toString()).doesNotContain("a-password-from-stdin");
    assertThat(credentials().authenticate("ana", "a-password-from-stdin"))
        .contains(new User("ana", Role.ANALYST));
    assertThat(run("", "list")).isZero();
    assertThat(out.toString()).contains("ana").contains("analyst").doesNotContain("bcrypt");
  }

  @Test
  void generatesAPasswordAndPrintsItOnce() {
    assertThat(run("", "--data-dir", dir.toString(), "add", "vic", "--role=viewer")).isZero();
    String password =
        out.toString()
            .lines()
            .filter(l -> l.startsWith("password"))
            .findFirst()
            .orElseThrow()
            .replaceFirst(".*: ", "");
    assertThat(credentials().authenticate("vic", password)).isPresent();

    assertThat(run("", "passwd", "vic")).isZero();
    assertThat(credentials().authenticate("vic", password)).isEmpty();
    assertThat(run("", "remove", "vic")).isZero();
    assertThat(run("", "remove", "vic")).isEqualTo(1);
    assertThat(err.toString()).contains("no user 'vic'");
  }

  @Test
  void refusesBadInputWithTheReason() {
    assertThat(run("short\n", "add", "ana", "--role", "analyst", "--password-stdin")).isEqualTo(1);
    assertThat(err.toString()).contains("at least 12");
    assertThat(run("", "add", "Bad/Name", "--role", "analyst")).isEqualTo(1);
    assertThat(err.toString()).contains("[a-z]");
    assertThat(run("", "add", "ana")).isEqualTo(2);
    assertThat(run("", "add", "ana", "--role", "root")).isEqualTo(1);
    assertThat(run("", "frobnicate")).isEqualTo(2);
    assertThat(run("", "--bogus\u0007", "list")).isEqualTo(2);
    assertThat(err.toString()).doesNotContain("\u0007");
  }
}
