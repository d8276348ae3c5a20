package dev.tenantpulse.collector.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.collector.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KeyCacheTests {

  private static final Duration TTL = Duration.ofSeconds(30);
  private static final ApiKeyPrincipal ACME = new ApiKeyPrincipal("id-acme", "acme", "acme");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  private final KeyCache cache = new KeyCache(TTL, clock);
  private final AtomicInteger loads = new AtomicInteger();

  /** The database as the cache sees it: counts how often it is asked. */
  private Supplier<Optional<ApiKeyPrincipal>> database(Optional<ApiKeyPrincipal> answer) {
    return () -> {
      loads.incrementAndGet();
      return answer;
    };
  }

  @Test
  void asksTheDatabaseOncePerTtlForAKnownKey() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(cache.get("hash-a", database(Optional.of(ACME)))).contains(ACME);
      clock.advance(Duration.ofMillis(1)); // 1,000 requests/s for one second
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void asksAgainOnceTheTtlHasPassed() {
    cache.get("hash-a", database(Optional.of(ACME)));
    clock.advance(TTL.minusMillis(1));
    cache.get("hash-a", database(Optional.of(ACME)));
    assertThat(loads).hasValue(1);
    clock.advance(Duration.ofMillis(1));
    cache.get("hash-a", database(Optional.of(ACME)));
    assertThat(loads).hasValue(2);
  }

  @Test
  void aKeyRevokedElsewhereIsRefusedOnceTheTtlHasPassed() {
    cache.get("hash-a", database(Optional.of(ACME)));
    // Another replica revoked it: the database no longer knows it.
    assertThat(cache.get("hash-a", database(Optional.empty()))).contains(ACME);
    clock.advance(TTL);
    assertThat(cache.get("hash-a", database(Optional.empty()))).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void evictionMakesARevocationHereImmediate() {
    cache.get("hash-a", database(Optional.of(ACME)));
    cache.evict("id-acme");
    assertThat(cache.get("hash-a", database(Optional.empty()))).isEmpty();
  }

  @Test
  void doesNotCacheUnknownKeys() {
    for (int i = 0; i < 3; i++) {
      assertThat(cache.get("hash-unknown", database(Optional.empty()))).isEmpty();
    }
    assertThat(loads).hasValue(3);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aLoadRacingWithARevocationIsNotCached() {
    // The revocation lands while this request reads the (still unrevoked) row.
    Optional<ApiKeyPrincipal> raced =
        cache.get(
            "hash-a",
            () -> {
              cache.evict("id-acme");
              return Optional.of(ACME);
            });
    assertThat(raced).contains(ACME); // that request was already on its way
    assertThat(cache.get("hash-a", database(Optional.empty()))).isEmpty();
  }

  @Test
  void aZeroTtlAsksTheDatabaseEveryTime() {
    KeyCache uncached = new KeyCache(Duration.ZERO, clock);
    uncached.get("hash-a", database(Optional.of(ACME)));
    uncached.get("hash-a", database(Optional.of(ACME)));
    assertThat(loads).hasValue(2);
  }

  @Test
  void refusesANegativeTtl() {
    assertThatThrownBy(() -> new KeyCache(Duration.ofSeconds(-1), clock))
        .hasMessageContaining("must not be negative");
  }
}
