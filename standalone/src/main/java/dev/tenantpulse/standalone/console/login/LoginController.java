package dev.tenantpulse.standalone.console.login;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.User;
import dev.tenantpulse.access.UserStoreException;
import dev.tenantpulse.access.web.AccessGuard;
import dev.tenantpulse.access.web.BrowserSessions;
import dev.tenantpulse.access.web.LoginThrottle;
import dev.tenantpulse.standalone.console.BoundedBody;
import dev.tenantpulse.standalone.console.ConsoleException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logging in from the browser pages: {@code POST /login} checks a user's password (the same check
 * as every API) and answers with an HttpOnly, SameSite=Strict session cookie and the session's CSRF
 * token; {@code GET /api/session} tells a page who it is logged in as (and the token again, after a
 * reload); {@code POST /logout} ends the session.
 *
 * <pre>
 * curl -si localhost:8082/login -H 'Content-Type: application/json' \
 *   -d '{"user": "viewer", "password": "…"}'
 * </pre>
 */
@RestController
class LoginController {

  private static final Logger log = LoggerFactory.getLogger(LoginController.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_BODY_BYTES = 8 * 1024;

  /** What a page learns about its session. */
  record SessionView(String user, String role, String csrf_token) {
    static SessionView of(BrowserSessions.Session session) {
      return new SessionView(
          session.user().name(), session.user().role().id(), session.csrfToken());
    }
  }

  record LoginBody(String user, String password) {}

  private final Credentials credentials;
  private final BrowserSessions sessions;
  private final LoginThrottle perUser = LoginThrottle.perUser();
  private final LoginThrottle perAddress = LoginThrottle.perAddress();

  LoginController(Credentials credentials, BrowserSessions sessions) {
    this.credentials = credentials;
    this.sessions = sessions;
  }

  @PostMapping(path = "/login")
  ResponseEntity<SessionView> login(HttpServletRequest request) throws IOException {
    refuseCrossOrigin(request);
    if (!credentials.enabled()) {
      throw new ConsoleException(
          HttpStatus.NOT_FOUND, "login_disabled", "the console has no admin token and no users");
    }
    LoginBody body = body(request);
    String address = request.getRemoteAddr();
    Optional<Duration> wait =
        perAddress.blockedFor(address).or(() -> perUser.blockedFor(body.user()));
    if (wait.isPresent()) {
      throw new ConsoleException(
          HttpStatus.TOO_MANY_REQUESTS,
          "too_many_failed_logins",
          "too many failed logins; try again in " + (wait.get().toSeconds() + 1) + " s",
          Map.of("retry_after_seconds", wait.get().toSeconds() + 1));
    }
    Optional<User> user;
    Optional<String> stamp;
    try {
      user = credentials.authenticate(body.user(), body.password());
      stamp = user.flatMap(u -> credentials.sessionStamp(u.name()));
    } catch (UserStoreException e) {
      log.error("cannot check a password: {}", e.getMessage());
      throw new ConsoleException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "user_store_unavailable",
          "the user store cannot be read; see the service's log");
    }
    if (user.isEmpty() || stamp.isEmpty()) {
      perAddress.failed(address);
      perUser.failed(body.user());
      log.info("failed console login from {}", address);
      throw new ConsoleException(
          HttpStatus.UNAUTHORIZED, "wrong_credentials", "wrong user name or password");
    }
    perUser.succeeded(body.user());
    BrowserSessions.Session session = sessions.open(user.get(), stamp.get());
    log.info("user '{}' logged in to the console from {}", user.get().name(), address);
    return ResponseEntity.ok()
        .header(
            HttpHeaders.SET_COOKIE, cookie(request, session.id(), sessions.cookieMaxAgeSeconds()))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(SessionView.of(session));
  }

  /** Who the page's cookie is logged in as; the guard answers 401 without a live session. */
  @GetMapping("/api/session")
  ResponseEntity<SessionView> session(HttpServletRequest request) {
    BrowserSessions.Session session =
        AccessGuard.session(request)
            .orElseThrow(
                () ->
                    new ConsoleException(
                        HttpStatus.BAD_REQUEST,
                        "no_session",
                        "this tells a browser its session; a token or password has none"));
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(SessionView.of(session));
  }

  /** Ends the session (the guard checked its CSRF token first) and clears the cookie. */
  @PostMapping("/logout")
  ResponseEntity<Void> logout(HttpServletRequest request) {
    AccessGuard.session(request).ifPresent(s -> sessions.close(s.id()));
    return ResponseEntity.noContent()
        .header(HttpHeaders.SET_COOKIE, cookie(request, "", 0))
        .build();
  }

  private static LoginBody body(HttpServletRequest request) throws IOException {
    MediaType type;
    try {
      type =
          request.getContentType() == null
              ? null
              : MediaType.parseMediaType(request.getContentType());
    } catch (RuntimeException e) {
      type = null;
    }
    if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
      throw new ConsoleException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported_media_type",
          "send {\"user\": \"…\", \"password\": \"…\"} as application/json");
    }
    byte[] bytes =
        BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), MAX_BODY_BYTES);
    LoginBody body;
    try {
      body = JSON.readValue(bytes, LoginBody.class);
    } catch (JacksonException e) {
      throw ConsoleException.badRequest("malformed_body", "the request body is not readable JSON");
    }
    if (body == null || body.user() == null || body.password() == null || body.user().isBlank()) {
      throw ConsoleException.badRequest(
          "invalid_login", "send {\"user\": \"…\", \"password\": \"…\"}");
    }
    return body;
  }

  /**
   * A login posted by another site's page (login CSRF: the victim ends up logged in as the
   * attacker) is refused: a browser names the page's origin, which must be this server's.
   */
  private static void refuseCrossOrigin(HttpServletRequest request) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw crossOrigin();
    }
    if (origin == null) {
      return;
    }
    String host = request.getHeader(HttpHeaders.HOST);
    try {
      URI uri = URI.create(origin);
      String authority = uri.getRawAuthority();
      if (host == null || authority == null || !authority.equalsIgnoreCase(host)) {
        throw crossOrigin();
      }
    } catch (IllegalArgumentException e) {
      throw crossOrigin();
    }
  }

  private static ConsoleException crossOrigin() {
    return new ConsoleException(
        HttpStatus.FORBIDDEN, "cross_origin", "log in from this console's own login page");
  }

  private static String cookie(HttpServletRequest request, String value, long maxAgeSeconds) {
    return ResponseCookie.from(BrowserSessions.COOKIE, value)
        .httpOnly(true)
        .secure(request.isSecure())
        .sameSite("Strict")
        .path("/")
        .maxAge(maxAgeSeconds)
        .build()
        .toString();
  }
}
