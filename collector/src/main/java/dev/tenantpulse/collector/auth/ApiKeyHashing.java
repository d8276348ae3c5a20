package dev.tenantpulse.collector.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key secrets: {@code tp_<id>_<secret>}. Only the SHA-256 of a key is stored; the id (public)
 * finds the row and the hashes are compared in constant time. A fast hash is right here because
 * keys are 256-bit random values, not passwords: there is nothing to brute-force.
 */
public final class ApiKeyHashing {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private ApiKeyHashing() {}

  /** A new key: {@code tp_} + 12-char id + {@code _} + 43-char secret. */
  public static String newKey() {
    byte[] id = new byte[9];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    return "tp_" + B64.encodeToString(id) + "_" + B64.encodeToString(secret);
  }

  /**
   * The public id of a key: for generated keys the part after {@code tp_}; for any other string (a
   * seeded key of an operator's own making) a prefix of its hash, so it still never leaks the key.
   */
  public static String keyId(String key) {
    if (key.startsWith("tp_") && key.length() > 16 && key.charAt(15) == '_') {
      return key.substring(3, 15);
    }
    return "h" + hash(key).substring(0, 11);
  }

  public static String hash(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison, so response timing never tells how much of a hash matched. */
  public static boolean matches(String key, String storedHash) {
    return MessageDigest.isEqual(
        hash(key).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
