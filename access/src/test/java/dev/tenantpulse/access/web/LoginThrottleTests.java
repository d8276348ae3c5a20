package dev.tenantpulse.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failed logins per key are counted in a window; the limit blocks until the window is over. */
class LoginThrottleTests {

  private final BrowserSessionsTests.MovingClock clock = new BrowserSessionsTests.MovingClock();
  private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), clock);

  @Test
  void theLimitBlocksUntilTheWindowOfTheFirstFailureEnds() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.blockedFor("viewer")).isEmpty();
      throttle.failed("viewer");
      clock.pass(Duration.ofMinutes(1));
    }
    assertThat(throttle.blockedFor("viewer")).contains(Duration.ofMinutes(12));
    assertThat(throttle.blockedFor("VIEWER")).isPresent();
    assertThat(throttle.blockedFor("analyst")).isEmpty();
    clock.pass(Duration.ofMinutes(12));
    assertThat(throttle.blockedFor("viewer")).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowStartANewCount() {
    throttle.failed("viewer");
    throttle.failed("viewer");
    clock.pass(Duration.ofMinutes(16));
    throttle.failed("viewer");
    throttle.failed("viewer");
    assertThat(throttle.blockedFor("viewer")).isEmpty();
  }

  @Test
  void aSuccessClearsTheCount() {
    throttle.failed("viewer");
    throttle.failed("viewer");
    throttle.succeeded("viewer");
    throttle.failed("viewer");
    throttle.failed("viewer");
    assertThat(throttle.blockedFor("viewer")).isEmpty();
  }

  @Test
  void aFloodOfDistinctKeysDoesNotGrowWithoutBound() {
    for (int i = 0; i < 50_000; i++) {
      throttle.failed("user" + i);
    }
    throttle.failed(null);
    throttle.failed("x".repeat(100_000));
    assertThat(throttle.blockedFor(null)).isEmpty();
  }
}
