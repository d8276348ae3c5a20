package dev.tenantpulse.warehouse.chdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * How a result in one output format may travel as the engine's stream: chDB formats every chunk of
 * a streamed result on its own, so a format whose output is one document (JSON, XML, Parquet,
 * Pretty …) would arrive as several documents, and a format with a header line (…WithNames,
 * …WithNamesAndTypes) would repeat its header in every chunk (seen on 26.7: one
 * RowBinaryWithNamesAndTypes header per ~16 k rows, which the JDBC driver then read as a row).
 */
enum StreamedFormat {
  /** Chunks concatenate into the format's output as they are. */
  PLAIN,
  /** The first chunk's header is kept and the same header is cut from every later chunk. */
  HEADER_ONCE,
  /** One document: the result is produced whole, not streamed. */
  WHOLE;

  private static final Set<String> PLAIN_FORMATS =
      Set.of(
          "native",
          "rowbinary",
          "tabseparated",
          "tsv",
          "tabseparatedraw",
          "tsvraw",
          "raw",
          "csv",
          "jsoneachrow",
          "ndjson",
          "jsonlines",
          "jsonstringseachrow",
          "jsoncompacteachrow",
          "jsoncompactstringseachrow",
          "customseparated",
          "lineasstring",
          "rawblob",
          "null");

  static StreamedFormat of(String format) {
    String f = format.toLowerCase(Locale.ROOT);
    if (PLAIN_FORMATS.contains(f)) {
      return PLAIN;
    }
    if (f.endsWith("withnames") || f.endsWith("withnamesandtypes")) {
      return HEADER_ONCE;
    }
    return WHOLE;
  }

  /** Passes chunks on, the header of {@code format} only once. */
  static ResultChunks headerOnce(String format, ResultChunks out) {
    String f = format.toLowerCase(Locale.ROOT);
    boolean types = f.endsWith("withnamesandtypes");
    boolean binary = f.startsWith("rowbinary");
    return new ResultChunks() {
      private byte[] header;

      @Override
      public void write(ByteBuffer chunk) throws IOException {
        if (header == null) {
          int length =
              binary ? binaryHeaderLength(chunk, types) : lineHeaderLength(chunk, types ? 2 : 1);
          header = new byte[length];
          chunk.duplicate().get(header);
          out.write(chunk);
          return;
        }
        if (chunk.remaining() < header.length) {
          throw new IOException("a streamed " + format + " chunk is shorter than its header");
        }
        byte[] repeated = new byte[header.length];
        chunk.get(repeated);
        if (!Arrays.equals(repeated, header)) {
          throw new IOException(
              "a streamed " + format + " chunk does not start with the result's header");
        }
        if (chunk.hasRemaining()) {
          out.write(chunk);
        }
      }
    };
  }

  /** Column count (varint), names, then (…AndTypes) types, each a varint length and bytes. */
  private static int binaryHeaderLength(ByteBuffer chunk, boolean types) throws IOException {
    ByteBuffer b = chunk.duplicate();
    long strings = varint(b) * (types ? 2 : 1);
    for (long i = 0; i < strings; i++) {
      long length = varint(b);
      if (length > b.remaining()) {
        throw new IOException("a streamed RowBinary header ends inside a name");
      }
      b.position(b.position() + (int) length);
    }
    return b.position() - chunk.position();
  }

  private static long varint(ByteBuffer b) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!b.hasRemaining()) {
        throw new IOException("a streamed RowBinary header ends inside a number");
      }
      byte next = b.get();
      value |= (long) (next & 0x7F) << shift;
      if ((next & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("a streamed RowBinary header holds a malformed number");
  }

  /** The first {@code lines} lines: the names (and types) lines of a text format. */
  private static int lineHeaderLength(ByteBuffer chunk, int lines) throws IOException {
    int seen = 0;
    for (int i = chunk.position(); i < chunk.limit(); i++) {
      if (chunk.get(i) == '\n' && ++seen == lines) {
        return i + 1 - chunk.position();
      }
    }
    throw new IOException("a streamed chunk holds no complete header line");
  }

  static SQLException tooLargeForWhole(String format, long bytes, long limit) {
    return new SQLException(
        "the result in "
            + format
            + " is "
            + bytes
            + " bytes, more than the "
            + limit
            + " a one-document format is held in memory for: use a format that streams"
            + " (JSONEachRow, JSONCompactEachRow, CSV, TSV, RowBinary, Native) or select less",
        "54000",
        ChdbErrors.TOO_MANY_ROWS_OR_BYTES);
  }
}
