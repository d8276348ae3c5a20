package dev.tenantpulse.collector.reads;

import dev.tenantpulse.tenancy.events.IdPattern;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Short-lived, read-only credentials for one tenant, minted by a server key for the tenant's
 * browser: {@code tpp_<payload>.<signature>}, the payload {@code <id>.<tenant>.<expiry epoch s>} in
 * base64url and the signature HMAC-SHA256 over {@code tpp_<payload>} with the configured secret.
 * Nothing is stored at minting; a revoked token's id is kept (metadata database) so every replica
 * refuses it. Verification compares signatures in constant time and refuses an expired, revoked,
 * altered or malformed token alike (empty), so a caller learns nothing about why.
 */
public final class PortalTokens {

  public static final String PREFIX = "tpp_";
  private static final Pattern SHAPE =
      Pattern.compile("tpp_([A-Za-z0-9_-]{1,200})\\.([A-Za-z0-9_-]{43})");
  private static final Pattern PAYLOAD = Pattern.compile("([0-9a-f]{32})\\.(.+)\\.([0-9]{1,12})");

  /** A token as minted: the secret text once, and what it allows. */
  public record Minted(String token, String tokenId, String tenantId, Instant expiresAt) {}

  private final byte[] secret;
  private final Clock clock;
  private final JdbcClient jdbc;
  private final Duration defaultTtl;
  private final Duration maxTtl;
  private final SecureRandom random = new SecureRandom();

  public PortalTokens(TenantReadsProperties.PortalTokens config, Clock clock, JdbcClient jdbc) {
    this.secret = config.secret().getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.jdbc = jdbc;
    this.defaultTtl = config.defaultTtl();
    this.maxTtl = config.maxTtl();
  }

  public boolean enabled() {
    return secret.length > 0;
  }

  public Duration maxTtl() {
    return maxTtl;
  }

  /**
   * A token for {@code tenantId} valid for {@code ttl} (the default when empty, at most the max).
   */
  public Minted mint(String tenantId, Optional<Duration> ttl) {
    if (!IdPattern.matches(tenantId)) {
      throw new IllegalArgumentException("not a tenant id: " + tenantId);
    }
    Duration lifetime = ttl.orElse(defaultTtl);
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException(
          "a portal token lives 1 s to " + maxTtl.toSeconds() + " s");
    }
    byte[] idBytes = new byte[16];
    random.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    Instant expires =
        clock.instant().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                (id + "." + tenantId + "." + expires.getEpochSecond())
                    .getBytes(StandardCharsets.UTF_8));
    String signed = PREFIX + payload;
    return new Minted(signed + "." + sign(signed), id, tenantId, expires);
  }

  /** The reader behind {@code token}, when it is one of ours, unexpired and not revoked. */
  public Optional<Reader> verify(String token) {
    if (!enabled() || token == null) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(token);
    if (!m.matches()) {
      return Optional.empty();
    }
    String signed = PREFIX + m.group(1);
    if (!MessageDigest.isEqual(
        sign(signed).getBytes(StandardCharsets.US_ASCII),
        m.group(2).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    String payload;
    try {
      payload = new String(Base64.getUrlDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Matcher p = PAYLOAD.matcher(payload);
    if (!p.matches() || !IdPattern.matches(p.group(2))) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(p.group(3))))) {
      return Optional.empty();
    }
    if (revoked(p.group(1))) {
      return Optional.empty();
    }
    return Optional.of(new Reader(Reader.Kind.PORTAL_TOKEN, "portal:" + p.group(1), p.group(2)));
  }

  /** Revokes the token with this id; revoking twice, or an unknown id, changes nothing. */
  public void revoke(String tokenId) {
    if (!tokenId.matches("[0-9a-f]{32}") || revoked(tokenId)) {
      return;
    }
    try {
      jdbc.sql("INSERT INTO portal_token_revocations (token_id, revoked_at) VALUES (?, ?)")
          .params(tokenId, clock.instant().atOffset(ZoneOffset.UTC))
          .update();
    } catch (org.springframework.dao.DuplicateKeyException raced) {
      // another request revoked it first
    }
  }

  private boolean revoked(String tokenId) {
    return jdbc.sql("SELECT count(*) FROM portal_token_revocations WHERE token_id = ?")
            .param(tokenId)
            .query(Integer.class)
            .single()
        > 0;
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
