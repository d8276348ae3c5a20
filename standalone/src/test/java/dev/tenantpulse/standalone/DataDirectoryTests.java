package dev.tenantpulse.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTests {

  @TempDir Path dir;

  @Test
  void refusesASecondUserOfTheSameDirectoryWithAClearMessage() {
    try (DataDirectory first = new DataDirectory(dir)) {
      first.lock();

      assertThatThrownBy(() -> new DataDirectory(dir).lock())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another Tenant Pulse process is running on " + dir);
    }
    try (DataDirectory again = new DataDirectory(dir)) {
      again.lock(); // released by close: a restart gets it
    }
  }

  @Test
  void generatesTheAdminTokenOnceAndKeepsItPrivate() throws Exception {
    DataDirectory data = new DataDirectory(dir);
    data.lock();
    String token = data.adminToken(Optional.empty());
    data.close();

    assertThat(token).startsWith("tp_admin_").hasSize("tp_admin_".length() + 48);
    assertThat(new DataDirectory(dir).adminToken(Optional.empty())).isEqualTo(token);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("admin-token"))))
        .isEqualTo("rw-------");
  }

  @Test
  void prefersTheGivenAdminTokenAndWritesNoFileForIt() {
    DataDirectory data = new DataDirectory(dir);

    assertThat(data.adminToken(Optional.of("given-token"))).isEqualTo("given-token");
    assertThat(dir.resolve("admin-token")).doesNotExist();
  }
}
