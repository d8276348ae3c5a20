package dev.tenantpulse.alerting.api;

import dev.tenantpulse.alerting.AlertingProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards {@code /api/**} with {@code tenant-pulse.alerting.admin-token}, sent as {@code
 * Authorization: Bearer <token>}, checked before any body is read. Both sides are hashed before the
 * constant-time comparison. An empty token disables the API (404, saying so): no default token can
 * be left in production.
 */
@Component
class AdminToken implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

  private final byte[] tokenHash; // null: the API is disabled

  AdminToken(AlertingProperties properties) {
    String token = properties.adminToken();
    if (token == null || token.isBlank()) {
      tokenHash = null;
      log.info("alerting API disabled: tenant-pulse.alerting.admin-token is empty");
    } else {
      tokenHash = sha256(token.strip());
      if (token.strip().length() < 16) {
        log.warn(
            "tenant-pulse.alerting.admin-token is shorter than 16 characters: use a random one");
      }
    }
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    if (tokenHash == null) {
      throw new ApiException(
          HttpStatus.NOT_FOUND,
          "api_disabled",
          "the alerting API is disabled: set tenant-pulse.alerting.admin-token"
              + " (environment TENANT_PULSE_ADMIN_TOKEN) to enable it",
          null);
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED,
          "unauthorized",
          "send the admin token as 'Authorization: Bearer <token>'",
          Map.of());
    }
    if (!MessageDigest.isEqual(sha256(authorization.substring(7).strip()), tokenHash)) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "wrong admin token", null);
    }
    return true;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
