package dev.tenantpulse.flink.dedup;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The dedup key of an event: a 128-bit hash of (tenant_id, id), as 22 base64url characters.
 *
 * <p>Why a hash: the dedup state holds one entry per event of the last 7 days (100 M entries is a
 * busy week), and its key is most of each entry. Tenant and id are up to 64 + 128 characters; the
 * hash is 22 bytes whatever they are. Why 128 bits: a collision drops an event as a duplicate of
 * another, and with n ids in the window the chance of any collision is about n² / 2¹²⁹ — 1.5e-23
 * for 100 M ids (64 bits would give 2.7e-4: too likely for a metric promised to be exact). Why a
 * String: the key type of the operator's state stays what it was, so a savepoint taken before keys
 * were hashed still restores (its entries simply no longer match and expire with the TTL).
 *
 * <p>The hash is MurmurHash3 x64 128 over the UTF-8 bytes of {@code len(tenant) ':' tenant id}: the
 * tenant's length first keeps the input unambiguous whatever characters the two hold.
 */
public final class EventKey {

  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private EventKey() {}

  /** The key of the event {@code id} of {@code tenantId}. */
  public static String of(String tenantId, String id) {
    byte[] input = (tenantId.length() + ":" + tenantId + id).getBytes(StandardCharsets.UTF_8);
    long[] hash = murmur3x64x128(input, 0);
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (hash[0] >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (hash[1] >>> (56 - 8 * i));
    }
    return BASE64.encodeToString(bytes);
  }

  /** MurmurHash3_x64_128 (Austin Appleby's public-domain algorithm) of {@code data}. */
  static long[] murmur3x64x128(byte[] data, long seed) {
    long h1 = seed;
    long h2 = seed;
    int blocks = data.length / 16;
    for (int i = 0; i < blocks; i++) {
      long k1 = littleEndianLong(data, i * 16);
      long k2 = littleEndianLong(data, i * 16 + 8);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27) + h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31) + h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    long k1 = 0;
    long k2 = 0;
    int tail = blocks * 16;
    for (int i = data.length - tail - 1; i >= 0; i--) {
      long b = data[tail + i] & 0xffL;
      if (i >= 8) {
        k2 |= b << (8 * (i - 8));
      } else {
        k1 |= b << (8 * i);
      }
    }
    h1 ^= mixK1(k1);
    h2 ^= mixK2(k2);
    h1 ^= data.length;
    h2 ^= data.length;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    return new long[] {h1, h2};
  }

  private static long mixK1(long k1) {
    return Long.rotateLeft(k1 * C1, 31) * C2;
  }

  private static long mixK2(long k2) {
    return Long.rotateLeft(k2 * C2, 33) * C1;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static long littleEndianLong(byte[] b, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xffL);
    }
    return v;
  }
}
