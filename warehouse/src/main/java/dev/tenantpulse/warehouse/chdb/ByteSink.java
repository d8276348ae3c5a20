package dev.tenantpulse.warehouse.chdb;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer: the RowBinary output of one batch. */
final class ByteSink {

  private static final ValueLayout.OfLong LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
  private byte[] bytes;
  private int size;

  ByteSink(int capacity) {
    bytes = new byte[Math.max(capacity, 64)];
  }

  private void ensure(int extra) {
    if (size + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
    }
  }

  void u8(int v) {
    ensure(1);
    bytes[size++] = (byte) v;
  }

  void le(long v, int width) {
    ensure(width);
    for (int i = 0; i < width; i++) {
      bytes[size++] = (byte) (v >>> (8 * i));
    }
  }

  void i64(long v) {
    ensure(8);
    MemorySegment.ofArray(bytes).set(LONG, size, v);
    size += 8;
  }

  void varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    bytes[size++] = (byte) v;
  }

  void raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
  }

  /** A String as RowBinary and Native write it: varint length, then UTF-8 bytes. */
  void string(String s) {
    // getBytes beats a charAt loop: for the compact (Latin-1) strings most ids are, the JDK checks
    // and copies the bytes with vectorized intrinsics (a profile showed charAt as the top frame).
    raw(s.getBytes(StandardCharsets.UTF_8), true);
  }

  private void raw(byte[] b, boolean withLength) {
    if (withLength) {
      varint(b.length);
    }
    raw(b);
  }

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  /** The bytes written so far, copied into native memory owned by {@code arena}. */
  MemorySegment toNative(Arena arena) {
    MemorySegment segment = arena.allocate(Math.max(size, 1));
    MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, size);
    return segment.asSlice(0, size);
  }
}
