package dev.tenantpulse.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Tests {

  @Test
  void findsTheSameFirstInvalidByteAsAByteByByteScan() {
    SplittableRandom random = new SplittableRandom(20261207L);
    byte[][] sequences = {
      {(byte) 0xC3, (byte) 0xA9},
      {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
      {(byte) 0xC3, 0x28},
      {(byte) 0xFF},
      {(byte) 0x80},
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xE2, (byte) 0x82}
    };
    for (int n = 0; n < 20_000; n++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (' ' + random.nextInt(90));
      }
      if (bytes.length > 0 && random.nextInt(3) > 0) {
        byte[] sequence = sequences[random.nextInt(sequences.length)];
        int at = random.nextInt(bytes.length);
        System.arraycopy(sequence, 0, bytes, at, Math.min(sequence.length, bytes.length - at));
      }
      assertThat(Utf8.firstInvalid(bytes)).as("%d bytes", bytes.length).isEqualTo(reference(bytes));
    }
  }

  /** The scan before the eight-byte steps: one byte at a time, then the JDK's decoder. */
  private static int reference(byte[] bytes) {
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
      return in.position();
    }
  }
}
