package dev.tenantpulse.access.web;

import dev.tenantpulse.access.AuthorizationHeader;
import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.Permission;
import dev.tenantpulse.access.Role;
import dev.tenantpulse.access.User;
import dev.tenantpulse.access.UserStoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  public AccessGuard(Credentials credentials, AccessPolicy policy, Disabled disabled) {
    this.credentials = credentials;
    this.policy = policy;
    this.disabled = disabled;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    User user =
        check(request.getMethod(), path(request), request.getHeader(HttpHeaders.AUTHORIZATION));
    request.setAttribute(USER_ATTRIBUTE, user);
    return true;
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
    return user;
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
      log.error("cannot check a password: {}", e.getMessage());
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "user_store_unavailable",
          "the user store cannot be read; see the service's log",
          java.time.Duration.ofSeconds(30),
          null);
    }
    return user.orElseThrow(() -> ApiException.unauthorized("wrong credentials"));
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
