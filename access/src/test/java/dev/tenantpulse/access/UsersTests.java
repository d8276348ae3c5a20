package dev.tenantpulse.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTests {

  @TempDir Path dir;

  private Users users() {
    return new Users(new FileUserStore(dir.resolve("users.json")));
  }

  @Test
  void reportsEveryProblemOfANewUserAtOnce() {
    assertThatThrownBy(() -> users().create("Bad Name", "root", "short"))
        .isInstanceOfSatisfying(
            UserException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(UserException.Reason.INVALID);
              assertThat(e.problems()).hasSize(3);
              assertThat(e.getMessage()).doesNotContain("short");
            });
  }

  @Test
  void refusesNamesOutsideThePattern() {
    for (String name :
        new String[] {"", "1abc", "Abc", "a b", "a/b", "a:b", "ä", "a".repeat(65), "-a", "a\n"}) {
      assertThat(Users.nameProblems(name)).as(name).isNotEmpty();
    }
    for (String name : new String[] {"a", "ana_lyst.2-x", "a".repeat(64)}) {
      assertThat(Users.nameProblems(name)).as(name).isEmpty();
    }
  }

  @Test
  void reservesTheAdminTokensUserName() {
    assertThat(Users.nameProblems("admin")).singleElement().asString().contains("reserved");
  }

  @Test
  void refusesPasswordsShorterThanTwelveOrLongerThanBcryptReads() {
    assertThat(Passwords.problems("elevenchars")).isNotEmpty();
    assertThat(Passwords.problems("twelve-chars")).isEmpty();
    assertThat(Passwords.problems("a".repeat(72))).isEmpty();
    assertThat(Passwords.problems("a".repeat(73))).isNotEmpty();
    assertThat(Passwords.problems("é".repeat(37))).isNotEmpty(); // 74 bytes
    assertThat(Passwords.problems("password-with\u0000nul")).isNotEmpty();
    assertThat(Passwords.problems(" ".repeat(12))).isNotEmpty();
  }

  @Test
  void createsListsChangesAndRemovesAUserKeepingOnlyTheHash() {
    Users users = users();
    User created = users.create("ana", "analyst", "correct-horse-battery");
    assertThat(created).isEqualTo(new User("ana", Role.ANALYST));
    StoredUser stored = users.list().getFirst();
    assertThat(stored.passwordHash()).startsWith("{bcrypt}").doesNotContain("correct-horse");
    assertThat(stored.toString()).doesNotContain(stored.passwordHash());

    assertThatThrownBy(() -> users.create("ana", "viewer", "another-password"))
        .isInstanceOfSatisfying(
            UserException.class,
            e -> assertThat(e.reason()).isEqualTo(UserException.Reason.EXISTS));

    users.changePassword("ana", "new-password-0123");
    Credentials credentials = new Credentials(null, new FileUserStore(dir.resolve("users.json")));
    assertThat(credentials.authenticate("ana", "correct-horse-battery")).isEmpty();
    assertThat(credentials.authenticate("ana", "new-password-0123")).isPresent();

    users.remove("ana");
    assertThat(users.list()).isEmpty();
    assertThatThrownBy(() -> users.remove("ana"))
        .isInstanceOfSatisfying(
            UserException.class,
            e -> assertThat(e.reason()).isEqualTo(UserException.Reason.UNKNOWN));
    assertThatThrownBy(() -> users.changePassword("../x", "new-password-0123"))
        .isInstanceOfSatisfying(
            UserException.class, e -> assertThat(e.getMessage()).doesNotContain("../x"));
  }
}
