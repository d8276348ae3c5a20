package dev.tenantpulse.collector.ingest;

import java.nio.ByteBuffer;
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

  private Utf8() {}

  /** The offset of the first byte that is not part of valid UTF-8, or -1 when all is valid. */
  static int firstInvalid(byte[] bytes) {
    int i = 0;
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
