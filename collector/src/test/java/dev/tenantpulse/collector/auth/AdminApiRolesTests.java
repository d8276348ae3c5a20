package dev.tenantpulse.collector.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Users;
import dev.tenantpulse.collector.support.AdminClient;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The admin API with users of a users file: admins manage keys, analysts and viewers do not. */
@CollectorTest
class AdminApiRolesTests extends CollectorTestBase {

  private static final Path USERS = usersFile();

  private final AdminClient admin = new AdminClient(() -> port);

  private static Path usersFile() {
    try {
      Path file = Files.createTempDirectory("collector-users").resolve("users.json");
      Users users = new Users(new FileUserStore(file));
      users.create("root", "admin", "admin-password-01");
      users.create("ana", "analyst", "analyst-password-1");
      users.create("vic", "viewer", "viewer-password-1");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void users(DynamicPropertyRegistry registry) {
    registry.add("tenant-pulse.collector.users-file", USERS::toString);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> createKey(String authorization) {
    return admin.send("POST", "/admin/keys", authorization, "{\"name\":\"by-role\"}");
  }

  @Test
  void anAnalystCannotCreateKeys() {
    HttpResponse<String> refused = createKey(basic("ana", "analyst-password-1"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).get("required_role").asString()).isEqualTo("admin");
    assertThat(json(refused).get("role").asString()).isEqualTo("analyst");
    assertThat(
            admin.send("GET", "/admin/keys", basic("vic", "viewer-password-1"), null).statusCode())
        .isEqualTo(403);
  }

  @Test
  void anAdminUserAndTheAdminTokenCreateKeys() {
    assertThat(createKey(basic("root", "admin-password-01")).statusCode()).isEqualTo(201);
    assertThat(createKey("Bearer " + AdminClient.TOKEN).statusCode()).isEqualTo(201);
    assertThat(createKey(basic("admin", AdminClient.TOKEN)).statusCode()).isEqualTo(201);
  }

  @Test
  void aWrongPasswordIs401WithAChallenge() {
    HttpResponse<String> refused = createKey(basic("root", "not-the-password"));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().allValues("WWW-Authenticate"))
        .anySatisfy(h -> assertThat(h).startsWith("Basic"));
    assertThat(refused.body()).doesNotContain("not-the-password");
  }
}
