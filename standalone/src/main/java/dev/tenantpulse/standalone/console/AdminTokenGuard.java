package dev.tenantpulse.standalone.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every {@code /api/**} request carries {@code Authorization: Bearer <admin token>}. Checked before
 * the body is read; both sides are hashed before a constant-time comparison, so timing tells
 * nothing about the token.
 */
@Component
class AdminTokenGuard implements HandlerInterceptor {

  private final byte[] tokenHash;

  AdminTokenGuard(ConsoleSettings settings) {
    this.tokenHash = sha256(settings.adminToken());
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ConsoleException(
          HttpStatus.UNAUTHORIZED,
          "unauthorized",
          "send the admin token as 'Authorization: Bearer <token>' (it is printed at start and"
              + " kept in <data-dir>/admin-token)");
    }
    if (!MessageDigest.isEqual(sha256(authorization.substring(7).strip()), tokenHash)) {
      throw new ConsoleException(HttpStatus.UNAUTHORIZED, "unauthorized", "wrong admin token");
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
