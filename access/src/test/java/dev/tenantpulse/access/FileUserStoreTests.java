package dev.tenantpulse.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUserStoreTests {

  @TempDir Path dir;

  private static StoredUser user(String name) {
    return new StoredUser(name, Role.VIEWER, "{noop}x", Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void aSecondInstanceOnTheSameFileSeesEveryChange() {
    Path file = dir.resolve("users.json");
    FileUserStore writer = new FileUserStore(file);
    FileUserStore reader = new FileUserStore(file);
    assertThat(reader.list()).isEmpty();

    assertThat(writer.add(user("a"))).isTrue();
    assertThat(reader.find("a")).map(StoredUser::role).contains(Role.VIEWER);
    assertThat(writer.setPasswordHash("a", "{noop}y")).isTrue();
    assertThat(reader.find("a")).map(StoredUser::passwordHash).contains("{noop}y");
    assertThat(reader.remove("a")).isTrue();
    assertThat(writer.find("a")).isEmpty();
    assertThat(writer.add(user("a"))).isTrue();
    assertThat(reader.add(user("a"))).isFalse();
  }

  @Test
  void keepsTheFileReadableByTheOwnerOnlyAndLeavesNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("users.json");
    new FileUserStore(file).add(user("a"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("users.json", "users.json.lock");
    }
  }

  @Test
  void concurrentWritersFromSeveralInstancesLoseNothing() throws Exception {
    Path file = dir.resolve("users.json");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> added = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        FileUserStore store = new FileUserStore(file);
        String name = "u" + i;
        added.add(pool.submit(() -> store.add(user(name))));
      }
      for (Future<Boolean> f : added) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(new FileUserStore(file).list()).hasSize(40);
  }

  @Test
  void aCorruptFileIsReportedNamingTheFileNotSilentlyEmpty() throws Exception {
    Path file = dir.resolve("users.json");
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> new FileUserStore(file).find("a"))
        .isInstanceOf(UserStoreException.class)
        .hasMessageContaining(file.toString());
  }
}
