package dev.tenantpulse.collector.ingest.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Byte surgery on request bodies. */
final class Bytes {

  private Bytes() {}

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** {@code body} with {@code insert} put in at {@code at}. */
  static byte[] splice(byte[] body, int at, byte[] insert) {
    return concat(
        concat(Arrays.copyOf(body, at), insert), Arrays.copyOfRange(body, at, body.length));
  }

  /** The first position of {@code needle} (ASCII) in {@code haystack}, or -1. */
  static int indexOf(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle);
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
