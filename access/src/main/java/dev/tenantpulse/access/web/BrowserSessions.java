package dev.tenantpulse.access.web;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in browsers: a random session id in an HttpOnly cookie, and with it a CSRF token the page
 * sends back as a header on every state change (a cross-site page can make the browser send the
 * cookie, never read the token).
 *
 * <p>Kept in memory: a restart logs everyone out, which for an operator console is the safe side. A
 * session ends after {@link #idleTimeout} without a request, after {@link #absoluteTimeout} in any
 * case, at logout, and as soon as its user is removed, changes password or changes role (the user
 * is looked up again on every request, see {@link Credentials#current}).
 */
public final class BrowserSessions {

  /** The cookie's name. */
  public static final String COOKIE = "tp_session";

  /** The header a state-changing request carries the CSRF token in. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final int MAX_SESSIONS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One logged-in browser.
   *
   * @param user who logged in, with the role at login
   * @param passwordHash the user's hash at login: a changed password ends the session
   */
  public record Session(
      String id,
      String csrfToken,
      User user,
      String passwordHash,
      Instant created,
      Instant lastSeen) {

    @Override
    public String toString() {
      return "Session[user=" + user.name() + ", created=" + created + "]";
    }
  }

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final Duration absoluteTimeout;
  private final Clock clock;

  public BrowserSessions(Duration idleTimeout, Duration absoluteTimeout, Clock clock) {
    if (idleTimeout.isNegative()
        || idleTimeout.isZero()
        || absoluteTimeout.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException("need 0 < idle timeout <= absolute timeout");
    }
    this.idleTimeout = idleTimeout;
    this.absoluteTimeout = absoluteTimeout;
    this.clock = clock;
  }

  /** 8 hours idle (a working day), 24 hours at most. */
  public static BrowserSessions withDefaults() {
    return new BrowserSessions(Duration.ofHours(8), Duration.ofHours(24), Clock.systemUTC());
  }

  /** A new session for a user whose password was just checked. */
  public Session open(User user, String passwordHash) {
    if (sessions.size() >= MAX_SESSIONS) {
      evictExpired();
      if (sessions.size() >= MAX_SESSIONS) {
        sessions.values().stream()
            .min(Comparator.comparing(Session::lastSeen))
            .ifPresent(oldest -> sessions.remove(oldest.id()));
      }
    }
    Instant now = clock.instant();
    Session session = new Session(randomToken(), randomToken(), user, passwordHash, now, now);
    sessions.put(session.id(), session);
    return session;
  }

  /** The live session of a cookie value, its last use moved to now; empty when unknown or over. */
  public Optional<Session> touch(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(session, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    Session touched =
        new Session(
            session.id(),
            session.csrfToken(),
            session.user(),
            session.passwordHash(),
            session.created(),
            now);
    sessions.put(id, touched);
    return Optional.of(touched);
  }

  public void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Seconds a new session's cookie may live: the absolute timeout. */
  public long cookieMaxAgeSeconds() {
    return absoluteTimeout.toSeconds();
  }

  int size() {
    return sessions.size();
  }

  private boolean expired(Session session, Instant now) {
    return !now.isBefore(session.lastSeen().plus(idleTimeout))
        || !now.isBefore(session.created().plus(absoluteTimeout));
  }

  private void evictExpired() {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> expired(s, now));
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
