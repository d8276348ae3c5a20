package dev.tenantpulse.collector.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 checking of request bodies. JSON must be UTF-8 (RFC 8259), but Jackson's byte parser
 * decodes overlong forms ({@code C0 AF} as {@code /}) and sequences beyond U+10FFFF into garbage
 * instead of refusing them; the JDK's decoder refuses both. ASCII bodies, the usual case, cost one
 * scan.
 */
final class Utf8 {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** The offset of the first byte that is not part of valid UTF-8, or -1 when all is valid. */
  static int firstInvalid(byte[] bytes) {
    // Eight bytes at a time while all are ASCII (no high bit): a byte loop over every body was a
    // sixth of the native ingest path's CPU once the body was no longer read into a tree.
    int i = 0;
    while (i + Long.BYTES <= bytes.length && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
      i += Long.BYTES;
    }
    while (i < bytes.length && bytes[i] >= 0) {
      i++;
    }
    if (i == bytes.length) {
      return -1;
    }
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, i, bytes.length - i);
    try {
      decoder.decode(in);
      return -1;
    } catch (CharacterCodingException e) {
      // decode() stops at the bad input; its position is close enough to point a sender at it.
      return in.position();
    }
  }
}
