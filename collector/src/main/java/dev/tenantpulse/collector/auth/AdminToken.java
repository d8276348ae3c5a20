package dev.tenantpulse.collector.auth;

import dev.tenantpulse.collector.CollectorProperties;
import dev.tenantpulse.collector.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards the admin API ({@code /admin/**}) with {@code tenant-pulse.collector.admin-token}, sent as
 * {@code Authorization: Bearer <token>}. It runs before the controller reads the body, so an
 * unauthenticated caller learns nothing from validation errors. Both sides are hashed before the
 * constant-time comparison, so neither content nor length of the token shows in response times. An
 * empty token disables the API (404, saying so): no default token can be left in production.
 */
@Component
class AdminToken implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
  private static final int RECOMMENDED_LENGTH = 16;

  private final byte[] tokenHash; // null: the admin API is disabled

  AdminToken(CollectorProperties properties) {
    String token = properties.adminToken();
    if (token == null || token.isBlank()) {
      tokenHash = null;
      log.info("admin API disabled: tenant-pulse.collector.admin-token is empty");
    } else {
      tokenHash = sha256(token.strip());
      if (token.strip().length() < RECOMMENDED_LENGTH) {
        log.warn(
            "tenant-pulse.collector.admin-token is shorter than {} characters: use a random one",
            RECOMMENDED_LENGTH);
      }
    }
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    check(request.getHeader(HttpHeaders.AUTHORIZATION));
    return true;
  }

  /** Passes for the right token; else throws 404 (API disabled) or 401. */
  void check(String authorization) {
    if (tokenHash == null) {
      throw new ApiException(
          HttpStatus.NOT_FOUND,
          "admin_api_disabled",
          "the admin API is disabled: set tenant-pulse.collector.admin-token"
              + " (environment TENANT_PULSE_ADMIN_TOKEN) to enable it",
          null,
          null);
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("send the admin token as 'Authorization: Bearer <token>'");
    }
    if (!MessageDigest.isEqual(sha256(authorization.substring(7).strip()), tokenHash)) {
      throw ApiException.unauthorized("wrong admin token");
    }
  }

  private static byte[] sha256(String text) {
    return ApiKeyHashing.hash(text).getBytes(StandardCharsets.US_ASCII);
  }
}
