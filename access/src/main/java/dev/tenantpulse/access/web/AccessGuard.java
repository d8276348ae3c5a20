package dev.tenantpulse.access.web;

import dev.tenantpulse.access.AuthorizationHeader;
import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.Permission;
import dev.tenantpulse.access.Role;
import dev.tenantpulse.access.User;
import dev.tenantpulse.access.UserStoreException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.UrlPathHelper;

/**
 * Checks the credential of every request it is registered for, and the permission the {@link
 * AccessPolicy} asks for, before the controller reads the body: an unauthenticated caller learns
 * nothing from validation errors.
 *
 * <ul>
 *   <li>no credential, a malformed one or a wrong one: 401 with {@code WWW-Authenticate} for Basic
 *       and Bearer, a reason that repeats nothing of what was sent;
 *   <li>a user whose role lacks the permission: 403 naming the role needed ({@code required_role})
 *       and the user's ({@code role});
 *   <li>no admin token and no users at all: 404 with the service's own reason (how to enable it).
 * </ul>
 *
 * The user is left in the request attribute {@link #USER_ATTRIBUTE} for controllers that log who
 * acted.
 */
public final class AccessGuard implements HandlerInterceptor {

  public static final String USER_ATTRIBUTE = AccessGuard.class.getName() + ".user";

  /** The challenges of a 401: users with passwords, the admin token as a bearer token. */
  static final List<String> CHALLENGES =
      List.of("Basic realm=\"tenant-pulse\", charset=\"UTF-8\"", "Bearer realm=\"tenant-pulse\"");

  /**
   * The challenge for a browser page's own requests: without Basic, which would make the browser
   * pop up its password dialog over the page's login form.
   */
  static final List<String> PAGE_CHALLENGES = List.of("Bearer realm=\"tenant-pulse\"");

  public static final String SESSION_ATTRIBUTE = AccessGuard.class.getName() + ".session";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private static final Logger log = LoggerFactory.getLogger(AccessGuard.class);
  private static final UrlPathHelper PATHS = UrlPathHelper.defaultInstance;

  /**
   * The answer when nothing can authenticate.
   *
   * @param code e.g. {@code admin_api_disabled}
   * @param detail how to enable the API
   */
  public record Disabled(String code, String detail) {}

  private final Credentials credentials;
  private final AccessPolicy policy;
  private final Disabled disabled;
  private final BrowserSessions sessions; // null: no browser logins here

  public AccessGuard(Credentials credentials, AccessPolicy policy, Disabled disabled) {
    this(credentials, policy, disabled, null);
  }

  /**
   * A guard that also lets in logged-in browsers: a request without an {@code Authorization} header
   * is checked by its {@link BrowserSessions#COOKIE} cookie, and a state change by the session's
   * CSRF token as well.
   */
  public AccessGuard(
      Credentials credentials, AccessPolicy policy, Disabled disabled, BrowserSessions sessions) {
    this.credentials = credentials;
    this.policy = policy;
    this.disabled = disabled;
    this.sessions = sessions;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null && sessions != null) {
      String id = cookie(request, BrowserSessions.COOKIE);
      if (id != null) {
        BrowserSessions.Session session =
            checkSession(
                request.getMethod(),
                path(request),
                id,
                request.getHeader(BrowserSessions.CSRF_HEADER));
        request.setAttribute(SESSION_ATTRIBUTE, session);
        request.setAttribute(USER_ATTRIBUTE, session.user());
        return true;
      }
      if (request.getHeader("Sec-Fetch-Mode") != null) {
        // a page's fetch without a session: no Basic challenge, so no browser dialog
        throw new ApiException(
            HttpStatus.UNAUTHORIZED,
            "unauthorized",
            "log in first",
            null,
            null,
            Map.of("WWW-Authenticate", PAGE_CHALLENGES));
      }
    }
    User user = check(request.getMethod(), path(request), authorization);
    request.setAttribute(USER_ATTRIBUTE, user);
    return true;
  }

  /**
   * The session of a cookie, its user as stored now, allowed to send {@code method} to {@code
   * path}: a state change must carry the session's CSRF token in {@code csrfToken}.
   *
   * @throws ApiException 401 (no such session, or it ended), 403 (CSRF token missing or wrong, or
   *     the role lacks the permission), 503 (the user store cannot be read)
   */
  public BrowserSessions.Session checkSession(
      String method, String path, String id, String csrfToken) {
    if (sessions == null || !credentials.enabled()) {
      throw ApiException.notFound(disabled.code(), disabled.detail());
    }
    Permission needed = policy.required(method, path);
    BrowserSessions.Session session =
        sessions.touch(id).orElseThrow(() -> sessionEnded("the session has ended; log in again"));
    User user;
    try {
      user =
          credentials
              .current(session.user().name(), session.passwordHash())
              .orElseThrow(
                  () -> {
                    sessions.close(id);
                    return sessionEnded(
                        "the user was removed or its password changed; log in again");
                  });
    } catch (UserStoreException e) {
      throw storeUnavailable(e);
    }
    if (!SAFE_METHODS.contains(method) && !sameToken(csrfToken, session.csrfToken())) {
      throw ApiException.forbidden(
          "csrf",
          "a change from the browser must carry the session's token in "
              + BrowserSessions.CSRF_HEADER
              + " (from /api/session)",
          Map.of());
    }
    authorize(user, needed);
    return new BrowserSessions.Session(
        session.id(),
        session.csrfToken(),
        user,
        session.passwordHash(),
        session.created(),
        session.lastSeen());
  }

  private static ApiException sessionEnded(String detail) {
    return new ApiException(
        HttpStatus.UNAUTHORIZED,
        "session_ended",
        detail,
        null,
        null,
        Map.of("WWW-Authenticate", PAGE_CHALLENGES));
  }

  private static boolean sameToken(String sent, String expected) {
    return sent != null
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  /** The value of the first cookie named {@code name}, or null. */
  static String cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
  }

  /**
   * The user allowed to send {@code method} to {@code path} with {@code authorization}.
   *
   * @throws ApiException 404 (disabled), 401, 403 or 503 (the user store cannot be read)
   */
  public User check(String method, String path, String authorization) {
    if (!credentials.enabled()) {
      throw ApiException.notFound(disabled.code(), disabled.detail());
    }
    Permission needed = policy.required(method, path);
    User user = authenticate(authorization);
    authorize(user, needed);
    return user;
  }

  private static void authorize(User user, Permission needed) {
    if (!user.may(needed)) {
      Role required = Role.weakestWith(needed);
      throw ApiException.forbidden(
          "forbidden",
          "this needs the "
              + required.id()
              + " role ("
              + needed.name().toLowerCase(java.util.Locale.ROOT)
              + "); user '"
              + user.name()
              + "' is "
              + user.role().id(),
          Map.of("required_role", required.id(), "role", user.role().id()));
    }
  }

  private User authenticate(String authorization) {
    Optional<User> user;
    try {
      user =
          switch (AuthorizationHeader.parse(authorization)) {
            case AuthorizationHeader.Missing missing ->
                throw ApiException.unauthorized(
                    "send 'Authorization: Bearer <admin token>' or HTTP Basic user:password");
            case AuthorizationHeader.Malformed malformed ->
                throw ApiException.unauthorized(malformed.reason());
            case AuthorizationHeader.Bearer bearer -> credentials.authenticateToken(bearer.token());
            case AuthorizationHeader.Basic basic ->
                credentials.authenticate(basic.user(), basic.password());
          };
    } catch (UserStoreException e) {
      throw storeUnavailable(e);
    }
    return user.orElseThrow(() -> ApiException.unauthorized("wrong credentials"));
  }

  private static ApiException storeUnavailable(UserStoreException e) {
    log.error("cannot check a password: {}", e.getMessage());
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "user_store_unavailable",
        "the user store cannot be read; see the service's log",
        java.time.Duration.ofSeconds(30),
        null);
  }

  /** The browser session a request was let in with, when it came with one. */
  public static Optional<BrowserSessions.Session> session(HttpServletRequest request) {
    return request.getAttribute(SESSION_ATTRIBUTE) instanceof BrowserSessions.Session session
        ? Optional.of(session)
        : Optional.empty();
  }

  /** The user a request was let in as, when a guard let it in. */
  public static Optional<User> user(HttpServletRequest request) {
    return request.getAttribute(USER_ATTRIBUTE) instanceof User user
        ? Optional.of(user)
        : Optional.empty();
  }

  /** The path as Spring MVC matches it: decoded, without {@code ;parameters}. */
  static String path(HttpServletRequest request) {
    try {
      return PATHS.getPathWithinApplication(request);
    } catch (RuntimeException e) {
      // undecodable: no policy knows it, so it gets the strictest answer
      return request.getRequestURI();
    }
  }
}
