package dev.tenantpulse.access;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one credential check of every service, with or without Spring: the admin token (a bearer
 * token, or the password of user {@value #TOKEN_USER}) and the users of a {@link UserStore}.
 *
 * <p>Nothing here tells a wrong user from a wrong password: an unknown user costs the same bcrypt
 * check as a known one, and tokens are compared as SHA-256 digests in constant time, so neither the
 * content nor the length of a secret shows in response times.
 *
 * <p>bcrypt costs tens of milliseconds by design; clients such as Grafana send the same Basic
 * credentials with every query. A successful check is therefore remembered for {@link #REMEMBER}
 * under an HMAC of user and password (keyed by a random per-process key, so the memory holds no
 * password and nothing usable elsewhere) together with the hash it was checked against: a changed
 * password or a removed user ends it at once.
 */
public final class Credentials {

  /** The user name of the admin token, reserved: no stored user may take it. */
  public static final String TOKEN_USER = "admin";

  static final Duration REMEMBER = Duration.ofMinutes(5);
  private static final String ADMIN_STAMP = "admin-token";
  private static final int REMEMBER_MAX = 10_000;

  /** Checked against when the user does not exist, so that an unknown name takes as long. */
  private static final String DECOY_HASH = Passwords.hash(Passwords.generate());

  private final byte[] tokenDigest; // null: no admin token
  private final UserStore users; // null: no users
  private final Clock clock;
  private final SecretKeySpec rememberKey;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  private record Remembered(String passwordHash, Instant until) {}

  /**
   * @param adminToken the admin token; null or blank: none
   * @param users the users; null: none (only the token)
   */
  public Credentials(String adminToken, UserStore users, Clock clock) {
    this.tokenDigest =
        adminToken == null || adminToken.isBlank() ? null : sha256(adminToken.strip());
    this.users = users;
    this.clock = clock;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.rememberKey = new SecretKeySpec(key, "HmacSHA256");
  }

  public Credentials(String adminToken, UserStore users) {
    this(adminToken, users, Clock.systemUTC());
  }

  /** Whether anything can authenticate: false without a token and without a user store. */
  public boolean enabled() {
    return tokenDigest != null || users != null;
  }

  /** The store behind this check, when there is one. */
  public Optional<UserStore> users() {
    return Optional.ofNullable(users);
  }

  /**
   * The user {@code user} with {@code password} is: a stored user whose password it is, or the
   * admin for user {@value #TOKEN_USER} with the admin token. Empty for anything else, including
   * null, empty, oversized or otherwise hostile input.
   *
   * @throws UserStoreException when the store cannot be read
   */
  public Optional<User> authenticate(String user, String password) {
    if (user == null || password == null || user.isEmpty()) {
      return Optional.empty();
    }
    if (user.equals(TOKEN_USER)) {
      return authenticateToken(password);
    }
    Optional<StoredUser> stored =
        users == null || !Users.NAME.matcher(user).matches() ? Optional.empty() : users.find(user);
    if (stored.isEmpty()) {
      Passwords.matches(password, DECOY_HASH);
      return Optional.empty();
    }
    StoredUser found = stored.get();
    String key = rememberKey(user, password);
    Remembered known = remembered.get(key);
    Instant now = clock.instant();
    if (known != null && known.until().isAfter(now)) {
      if (MessageDigest.isEqual(bytes(known.passwordHash()), bytes(found.passwordHash()))) {
        return Optional.of(found.user());
      }
    }
    if (!Passwords.matches(password, found.passwordHash())) {
      return Optional.empty();
    }
    if (remembered.size() >= REMEMBER_MAX) {
      remembered.clear();
    }
    remembered.put(key, new Remembered(found.passwordHash(), now.plus(REMEMBER)));
    return Optional.of(found.user());
  }

  /** The admin, when {@code token} is the admin token. */
  public Optional<User> authenticateToken(String token) {
    if (tokenDigest == null || token == null) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(sha256(token.strip()), tokenDigest)
        ? Optional.of(new User(TOKEN_USER, Role.ADMIN))
        : Optional.empty();
  }

  /**
   * The user an {@code Authorization} header names ({@code Bearer <admin token>} or HTTP Basic),
   * for HTTP servers outside Spring. Empty when it is missing, malformed or wrong.
   */
  public Optional<User> authenticateHeader(String authorization) {
    return switch (AuthorizationHeader.parse(authorization)) {
      case AuthorizationHeader.Bearer bearer -> authenticateToken(bearer.token());
      case AuthorizationHeader.Basic basic -> authenticate(basic.user(), basic.password());
      case AuthorizationHeader.Missing missing -> Optional.empty();
      case AuthorizationHeader.Malformed malformed -> Optional.empty();
    };
  }

  /**
   * What a session opened for {@code name} is checked against later: the stored password hash, or a
   * fixed marker for the admin token (which cannot change while the process runs).
   */
  public Optional<String> sessionStamp(String name) {
    if (TOKEN_USER.equals(name)) {
      return tokenDigest == null ? Optional.empty() : Optional.of(ADMIN_STAMP);
    }
    if (users == null || name == null || !Users.NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return users.find(name).map(StoredUser::passwordHash);
  }

  /**
   * The user a session of {@code name} acts as now, with its current role; empty when the user was
   * removed or its password changed since the session's {@code stamp} was taken.
   *
   * @throws UserStoreException when the store cannot be read
   */
  public Optional<User> current(String name, String stamp) {
    if (TOKEN_USER.equals(name)) {
      return tokenDigest != null && ADMIN_STAMP.equals(stamp)
          ? Optional.of(new User(TOKEN_USER, Role.ADMIN))
          : Optional.empty();
    }
    if (users == null || stamp == null) {
      return Optional.empty();
    }
    return users
        .find(name)
        .filter(found -> MessageDigest.isEqual(bytes(found.passwordHash()), bytes(stamp)))
        .map(StoredUser::user);
  }

  private String rememberKey(String user, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(rememberKey);
      mac.update(bytes(user));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(bytes(password)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
