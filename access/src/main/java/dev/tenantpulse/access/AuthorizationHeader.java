package dev.tenantpulse.access;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An {@code Authorization} header, read without trusting it: {@code Bearer <token>} (the admin
 * token) or {@code Basic base64(user:password)} (RFC 7617, UTF-8). A reason for refusing never
 * repeats any part of the value.
 */
public sealed interface AuthorizationHeader {

  /**
   * Longer headers are refused unread. Tomcat's own limit for all headers is 8 KiB; this holds for
   * servers without one.
   */
  int MAX_LENGTH = 8192;

  /** No header at all. */
  record Missing() implements AuthorizationHeader {}

  record Bearer(String token) implements AuthorizationHeader {
    @Override
    public String toString() {
      return "Bearer[***]";
    }
  }

  record Basic(String user, String password) implements AuthorizationHeader {
    @Override
    public String toString() {
      return "Basic[***]";
    }
  }

  /**
   * @param reason what is wrong, naming no part of the value
   */
  record Malformed(String reason) implements AuthorizationHeader {}

  static AuthorizationHeader parse(String header) {
    if (header == null) {
      return new Missing();
    }
    if (header.length() > MAX_LENGTH) {
      return new Malformed("the Authorization header is longer than " + MAX_LENGTH + " characters");
    }
    String h = header.strip();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = h.substring(7).strip();
      return token.isEmpty() ? new Malformed("the bearer token is empty") : new Bearer(token);
    }
    if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
      return basic(h.substring(6).strip());
    }
    return new Malformed("send 'Authorization: Bearer <admin token>' or HTTP Basic user:password");
  }

  private static AuthorizationHeader basic(String encoded) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      return new Malformed("the Basic credentials are not valid base64");
    }
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return new Malformed("the Basic credentials are not UTF-8");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return new Malformed("the Basic credentials have no ':' between user and password");
    }
    String user = decoded.substring(0, colon);
    if (user.isEmpty()) {
      return new Malformed("the Basic credentials have an empty user name");
    }
    return new Basic(user, decoded.substring(colon + 1));
  }
}
