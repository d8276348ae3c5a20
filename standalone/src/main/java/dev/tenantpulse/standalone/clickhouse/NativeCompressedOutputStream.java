package dev.tenantpulse.standalone.clickhouse;

import com.clickhouse.data.ClickHouseCityHash;
import java.io.IOException;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * ClickHouse's own compressed framing, what a client asks for with {@code compress=1} (the JDBC
 * driver does on every request): blocks of a 16-byte CityHash128 (v1.0.2, low half first) of the
 * rest of the block, the method byte {@code 0x82} (LZ4), the compressed size including this 9-byte
 * header and the uncompressed size (both little-endian int32), then one raw LZ4 block. Clients
 * verify the checksum, so a corrupted byte is caught at the client.
 */
final class NativeCompressedOutputStream extends OutputStream {

  static final int BLOCK_BYTES = 1 << 20; // ClickHouse's max_compress_block_size
  private static final int HEADER = 9;
  private static final byte LZ4 = (byte) 0x82;
  private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestJavaInstance().fastCompressor();

  private final OutputStream out;
  private final byte[] block = new byte[BLOCK_BYTES];
  private final byte[] frame = new byte[16 + HEADER + COMPRESSOR.maxCompressedLength(BLOCK_BYTES)];
  private int filled;

  NativeCompressedOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == block.length) {
      writeBlock();
    }
    block[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      if (filled == block.length) {
        writeBlock();
      }
      int n = Math.min(length, block.length - filled);
      System.arraycopy(bytes, offset, block, filled, n);
      filled += n;
      offset += n;
      length -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    writeBlock();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    writeBlock();
    out.close();
  }

  private void writeBlock() throws IOException {
    if (filled == 0) {
      return;
    }
    int compressed =
        COMPRESSOR.compress(block, 0, filled, frame, 16 + HEADER, frame.length - 16 - HEADER);
    int sizeWithHeader = compressed + HEADER;
    frame[16] = LZ4;
    littleEndianInt(frame, 17, sizeWithHeader);
    littleEndianInt(frame, 21, filled);
    long[] hash = ClickHouseCityHash.cityHash128(frame, 16, sizeWithHeader);
    littleEndianLong(frame, 0, hash[0]);
    littleEndianLong(frame, 8, hash[1]);
    out.write(frame, 0, 16 + sizeWithHeader);
    filled = 0;
  }

  private static void littleEndianInt(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  private static void littleEndianLong(byte[] b, int at, long v) {
    for (int i = 0; i < 8; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
