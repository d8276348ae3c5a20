package dev.tenantpulse.billing.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The meter event identifier of a (tenant, meter, window, revision): the same on every run and
 * every instance, so a send repeated after a crash is the same event to Stripe. A hash rather than
 * the values spelt out because tenant and meter ids together may exceed Stripe's 100 characters;
 * the ledger maps it back.
 */
public final class Identifiers {

  private Identifiers() {}

  public static String of(WindowKey key, int revision) {
    String text =
        key.tenantId()
            + '\u0000'
            + key.meter()
            + '\u0000'
            + key.windowStart()
            + '\u0000'
            + revision;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      // 160 bits: collisions are out of reach for any number of windows a ledger can hold.
      return "tp-" + HexFormat.of().formatHex(hash, 0, 20) + "-r" + revision;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
