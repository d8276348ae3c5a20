package dev.tenantpulse.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.access.Role;
import dev.tenantpulse.access.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sessions end when idle, at their absolute limit and at logout; ids and tokens are unguessable.
 */
class BrowserSessionsTests {

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-12-06T08:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    void pass(Duration d) {
      now = now.plus(d);
    }
  }

  private final MovingClock clock = new MovingClock();
  private final BrowserSessions sessions =
      new BrowserSessions(Duration.ofHours(8), Duration.ofHours(24), clock);
  private final User viewer = new User("viewer", Role.VIEWER);

  @Test
  void aSessionUsedWithinItsIdleTimeoutLivesUntilItsAbsoluteLimit() {
    BrowserSessions.Session s = sessions.open(viewer, "hash");
    for (int hour = 0; hour < 23; hour++) {
      clock.pass(Duration.ofHours(1));
      assertThat(sessions.touch(s.id())).as("hour " + hour).isPresent();
    }
    clock.pass(Duration.ofHours(1));
    assertThat(sessions.touch(s.id())).isEmpty();
  }

  @Test
  void anIdleSessionEnds() {
    BrowserSessions.Session s = sessions.open(viewer, "hash");
    clock.pass(Duration.ofHours(8).minusSeconds(1));
    assertThat(sessions.touch(s.id())).isPresent();
    clock.pass(Duration.ofHours(8));
    assertThat(sessions.touch(s.id())).isEmpty();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void closingEndsOnlyThatSession() {
    BrowserSessions.Session a = sessions.open(viewer, "hash");
    BrowserSessions.Session b = sessions.open(viewer, "hash");
    sessions.close(a.id());
    assertThat(sessions.touch(a.id())).isEmpty();
    assertThat(sessions.touch(b.id())).isPresent();
  }

  @Test
  void idsAndTokensAreDistinctRandom256BitValues() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      BrowserSessions.Session s = sessions.open(viewer, "hash");
      assertThat(s.id()).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(seen.add(s.id())).isTrue();
      assertThat(seen.add(s.csrfToken())).isTrue();
    }
  }

  @Test
  void unknownOrHostileIdsFindNothing() {
    sessions.open(viewer, "hash");
    for (String id : new String[] {null, "", " ", "x".repeat(101), "' OR 1=1", "\u0000"}) {
      assertThat(sessions.touch(id)).isEmpty();
    }
  }

  @Test
  void theStoreIsBoundedByEvictingTheLeastRecentlyUsed() {
    BrowserSessions.Session first = sessions.open(viewer, "hash");
    for (int i = 0; i < 10_000; i++) {
      clock.pass(Duration.ofMillis(1));
      sessions.open(viewer, "hash");
    }
    assertThat(sessions.size()).isLessThanOrEqualTo(10_000);
    assertThat(sessions.touch(first.id())).isEmpty();
  }

  @Test
  void theSessionNeverPrintsItsSecrets() {
    BrowserSessions.Session s = sessions.open(viewer, "hash");
    assertThat(s.toString()).doesNotContain(s.id()).doesNotContain(s.csrfToken());
  }
}
