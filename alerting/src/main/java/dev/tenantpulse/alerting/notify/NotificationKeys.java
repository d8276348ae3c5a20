package dev.tenantpulse.alerting.notify;

import dev.tenantpulse.alerting.rules.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The idempotency key of a notification and the dedup key of an alert instance. The idempotency key
 * is a hash of rule, labels, kind, episode and index within the episode: decided once, stored in
 * the outbox with the notification, so every (re)delivery carries the same key, and no two
 * notifications share one.
 */
public final class NotificationKeys {

  private NotificationKeys() {}

  public static String idempotencyKey(
      String rule, Labels labels, NotificationKind kind, int episode, int index) {
    return "tp1-"
        + sha256(
                rule
                    + '\u0000'
                    + labels.key()
                    + '\u0000'
                    + kind.text()
                    + '\u0000'
                    + episode
                    + '\u0000'
                    + index)
            .substring(0, 40);
  }

  /** Readable where it fits: {@code tenant-pulse/<rule>/<labels>}; hashed labels when long. */
  public static String dedupKey(String rule, Labels labels) {
    String key = "tenant-pulse/" + rule + "/" + labels.key();
    return key.length() <= 200
        ? key
        : "tenant-pulse/" + rule + "/" + sha256(labels.key()).substring(0, 32);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
