package dev.tenantpulse.access;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password rules and hashing. Hashes come from Spring Security's delegating encoder (bcrypt today,
 * the id prefix in every hash lets a later default read older hashes).
 */
public final class Passwords {

  /** Shorter passwords are refused. */
  public static final int MIN_LENGTH = 12;

  /** bcrypt reads at most 72 bytes; Spring's encoder refuses longer input rather than cut it. */
  public static final int MAX_BYTES = 72;

  private static final PasswordEncoder ENCODER =
      PasswordEncoderFactories.createDelegatingPasswordEncoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /** Every reason {@code password} is refused; empty when it is acceptable. */
  public static List<String> problems(String password) {
    List<String> problems = new ArrayList<>();
    if (password == null || password.isEmpty()) {
      problems.add("password: required, at least " + MIN_LENGTH + " characters");
      return problems;
    }
    if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
      problems.add("password: must have at least " + MIN_LENGTH + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      problems.add("password: must have at most " + MAX_BYTES + " bytes in UTF-8 (bcrypt's limit)");
    }
    if (password.codePoints().anyMatch(Character::isISOControl)) {
      problems.add("password: must not contain control characters");
    }
    if (password.isBlank()) {
      problems.add("password: must not be only spaces");
    }
    return problems;
  }

  /** The stored form of an acceptable password ({@code {bcrypt}…}). */
  public static String hash(String password) {
    return ENCODER.encode(password);
  }

  /**
   * Whether {@code password} is the one {@code hash} was made from. False, never an exception, for
   * input bcrypt cannot take (over 72 bytes) and for hashes no encoder reads.
   */
  public static boolean matches(String password, String hash) {
    if (password == null || hash == null) {
      return false;
    }
    try {
      return ENCODER.matches(password, hash);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A random password of 24 URL-safe characters (144 bits), for users created without one. */
  public static String generate() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
