package dev.tenantpulse.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTests {

  static final String TOKEN = "tp_admin_0123456789abcdef";
  static final String PASSWORD = "analyst-password-1";

  @TempDir Path dir;
  private FileUserStore store;
  private Credentials credentials;

  @BeforeEach
  void users() {
    store = new FileUserStore(dir.resolve("users.json"));
    new Users(store).create("ana", "analyst", PASSWORD);
    credentials = new Credentials(TOKEN, store);
  }

  @Test
  void theAdminTokenIsAnAdminAsBearerOrAsUserAdminsPassword() {
    User admin = new User(Credentials.TOKEN_USER, Role.ADMIN);
    assertThat(credentials.authenticateToken(TOKEN)).contains(admin);
    assertThat(credentials.authenticate("admin", TOKEN)).contains(admin);
    assertThat(credentials.authenticateHeader("Bearer " + TOKEN)).contains(admin);
    assertThat(credentials.authenticateHeader("Basic " + Hostile.b64("admin:" + TOKEN)))
        .contains(admin);
    assertThat(credentials.authenticateToken(TOKEN + "x")).isEmpty();
    assertThat(credentials.authenticateToken(TOKEN.substring(1))).isEmpty();
  }

  @Test
  void aUserIsWhoTheirPasswordSays() {
    assertThat(credentials.authenticate("ana", PASSWORD)).contains(new User("ana", Role.ANALYST));
    assertThat(credentials.authenticateHeader("Basic " + Hostile.b64("ana:" + PASSWORD)))
        .contains(new User("ana", Role.ANALYST));
    assertThat(credentials.authenticate("ana", PASSWORD + "x")).isEmpty();
    assertThat(credentials.authenticate("ana", TOKEN)).isEmpty();
    assertThat(credentials.authenticate("nobody", PASSWORD)).isEmpty();
    assertThat(credentials.authenticate("ANA", PASSWORD)).isEmpty();
  }

  @Test
  void withoutTokenOrStoreNothingAuthenticatesAndTheCheckSaysSo() {
    Credentials none = new Credentials("  ", null);
    assertThat(none.enabled()).isFalse();
    assertThat(none.authenticate("admin", "  ")).isEmpty();
    assertThat(none.authenticateToken("")).isEmpty();
    assertThat(new Credentials(null, store).authenticate("admin", "")).isEmpty();
  }

  @Test
  void aRememberedLoginEndsWhenThePasswordChangesOrTheUserGoes() {
    assertThat(credentials.authenticate("ana", PASSWORD)).isPresent();
    new Users(store).changePassword("ana", "another-password-2");
    assertThat(credentials.authenticate("ana", PASSWORD)).isEmpty();
    assertThat(credentials.authenticate("ana", "another-password-2")).isPresent();
    new Users(store).remove("ana");
    assertThat(credentials.authenticate("ana", "another-password-2")).isEmpty();
  }

  @Test
  void aRememberedLoginExpires() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    Credentials timed = new Credentials(TOKEN, store, clock);
    assertThat(timed.authenticate("ana", PASSWORD)).isPresent();
    now.set(now.get().plus(Credentials.REMEMBER).plus(Duration.ofSeconds(1)));
    assertThat(timed.authenticate("ana", PASSWORD)).isPresent(); // checked again, still right
  }

  @Test
  void hostileUsersPasswordsAndTokensNeverAuthenticateNorThrow() {
    for (String value : Hostile.values(13, 40)) {
      assertThatCode(
              () -> {
                assertThat(credentials.authenticate(value, PASSWORD)).isEmpty();
                assertThat(credentials.authenticate("ana", value)).isEmpty();
                assertThat(credentials.authenticate("admin", value)).isEmpty();
                assertThat(credentials.authenticateToken(value)).isEmpty();
              })
          .as("value of length %d", value.length())
          .doesNotThrowAnyException();
    }
    assertThat(credentials.authenticate(null, null)).isEmpty();
    assertThat(credentials.authenticateToken(null)).isEmpty();
  }

  @Test
  void hostileAuthorizationHeadersNeverAuthenticateNorThrow() {
    for (String header : Hostile.headers(17, 200)) {
      assertThatCode(() -> assertThat(credentials.authenticateHeader(header)).isEmpty())
          .doesNotThrowAnyException();
    }
    assertThat(credentials.authenticateHeader(null)).isEmpty();
  }
}
