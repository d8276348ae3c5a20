package dev.tenantpulse.collector.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tenantpulse.collector.web.ApiException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class RateLimiterTests {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

  private RateLimiter limiter(int perSecond, int burst) {
    return new RateLimiter(perSecond, burst, nanos::get);
  }

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  private static ApiException refusal(RateLimiter limiter, String key, int events) {
    return catchThrowableOfType(ApiException.class, () -> limiter.acquire(key, events));
  }

  @Test
  void allowsTheWholeBurstAtOnce() {
    RateLimiter limiter = limiter(10, 100);
    assertThatCode(() -> limiter.acquire("k", 100)).doesNotThrowAnyException();
    assertThat(refusal(limiter, "k", 1).status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
  }

  @Test
  void enforcesTheSustainedRateOnceTheBurstIsSpent() {
    RateLimiter limiter = limiter(10, 100);
    limiter.acquire("k", 100);
    int accepted = 0;
    for (int i = 0; i < 1_000; i++) { // one event every 10 ms for 10 s
      advance(Duration.ofMillis(10));
      if (refusal(limiter, "k", 1) == null) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(100);
  }

  @Test
  void answersRetryAfterAsTheWholeSecondsUntilTheRequestFits() {
    RateLimiter limiter = limiter(5, 10);
    limiter.acquire("k", 10);
    assertThat(refusal(limiter, "k", 5).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(refusal(limiter, "k", 10).retryAfter()).isEqualTo(Duration.ofSeconds(2));
    advance(Duration.ofMillis(500)); // 2.5 tokens back: 10 still need 1.5 s more
    assertThat(refusal(limiter, "k", 10).retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(refusal(limiter, "k", 3).retryAfter()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void waitingTheRetryAfterIsEnough() {
    RateLimiter limiter = limiter(3, 7);
    limiter.acquire("k", 7);
    Duration retryAfter = refusal(limiter, "k", 7).retryAfter(); // 7/3 s → 3 s
    assertThat(retryAfter).isEqualTo(Duration.ofSeconds(3));
    advance(retryAfter);
    assertThatCode(() -> limiter.acquire("k", 7)).doesNotThrowAnyException();
  }

  @Test
  void aRefusedRequestTakesNoTokens() {
    RateLimiter limiter = limiter(1, 10);
    limiter.acquire("k", 6);
    assertThat(refusal(limiter, "k", 5)).isNotNull();
    assertThatCode(() -> limiter.acquire("k", 4)).doesNotThrowAnyException();
  }

  @Test
  void eachKeyHasItsOwnBucket() {
    RateLimiter limiter = limiter(1, 5);
    limiter.acquire("a", 5);
    assertThat(refusal(limiter, "a", 1)).isNotNull();
    assertThatCode(() -> limiter.acquire("b", 5)).doesNotThrowAnyException();
  }

  @Test
  void aBatchLargerThanTheBurstPassesOnlyWithAFullBucket() {
    RateLimiter limiter = limiter(10, 20);
    assertThatCode(() -> limiter.acquire("k", 500)).doesNotThrowAnyException();
    assertThat(refusal(limiter, "k", 500).retryAfter()).isEqualTo(Duration.ofSeconds(2));
    advance(Duration.ofSeconds(2));
    assertThatCode(() -> limiter.acquire("k", 500)).doesNotThrowAnyException();
  }

  @Test
  void aLongIdleTimeRefillsNoMoreThanTheBurst() {
    RateLimiter limiter = limiter(50_000, 100_000);
    limiter.acquire("k", 100_000);
    advance(Duration.ofDays(400));
    limiter.acquire("k", 100_000);
    assertThat(refusal(limiter, "k", 1)).isNotNull();
  }
}
