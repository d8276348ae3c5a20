package dev.tenantpulse.access.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing at a login form: after {@code maxFailures} failed logins within {@code
 * window} for one key (a user name, or a client address), further attempts for that key are refused
 * unchecked until the window that began with the first failure is over. bcrypt already makes each
 * guess cost tens of milliseconds; this bounds how many guesses a window allows.
 */
public final class LoginThrottle {

  private static final int MAX_KEYS = 10_000;

  private record Failures(int count, Instant since) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;

  public LoginThrottle(int maxFailures, Duration window, Clock clock) {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("need maxFailures >= 1 and a positive window");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** 10 failures per user name and 100 per address in 15 minutes. */
  public static LoginThrottle perUser() {
    return new LoginThrottle(10, Duration.ofMinutes(15), Clock.systemUTC());
  }

  public static LoginThrottle perAddress() {
    return new LoginThrottle(100, Duration.ofMinutes(15), Clock.systemUTC());
  }

  /** How long until {@code key} may try again; empty when it may now. */
  public Optional<Duration> blockedFor(String key) {
    Failures f = failures.get(normal(key));
    if (f == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant end = f.since().plus(window);
    if (!now.isBefore(end)) {
      failures.remove(normal(key), f);
      return Optional.empty();
    }
    return f.count() >= maxFailures ? Optional.of(Duration.between(now, end)) : Optional.empty();
  }

  public void failed(String key) {
    if (failures.size() >= MAX_KEYS) {
      Instant now = clock.instant();
      failures.values().removeIf(f -> !now.isBefore(f.since().plus(window)));
      if (failures.size() >= MAX_KEYS) {
        failures.clear(); // a flood of distinct keys: forget rather than grow without bound
      }
    }
    Instant now = clock.instant();
    failures.merge(
        normal(key),
        new Failures(1, now),
        (old, one) ->
            now.isBefore(old.since().plus(window))
                ? new Failures(old.count() + 1, old.since())
                : one);
  }

  public void succeeded(String key) {
    failures.remove(normal(key));
  }

  /** Case-folded and cut, so {@code Viewer} and {@code viewer} share a count. */
  private static String normal(String key) {
    String k = key == null ? "" : key.toLowerCase(Locale.ROOT);
    return k.length() > 200 ? k.substring(0, 200) : k;
  }
}
