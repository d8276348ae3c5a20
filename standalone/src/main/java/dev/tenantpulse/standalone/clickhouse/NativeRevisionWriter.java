package dev.tenantpulse.standalone.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rewrites the Native format as chDB writes it (client protocol revision 0) into the Native format
 * a ClickHouse server writes over HTTP for a client that sent {@code client_protocol_version=R}, as
 * Grafana's ClickHouse plugin does (clickhouse-go v2 sends 54460 and decodes with it).
 *
 * <p>Per block, revision {@code R > 0} adds a BlockInfo before the column count (field 1 {@code
 * is_overflows=0}, field 2 {@code bucket_num=-1}, then field 0 to end it; fields added by later
 * revisions are optional), and {@code R >= 54454} adds after each column's type name the byte "has
 * custom serialization" (0: the data stays as chDB wrote it). Column data is copied unchanged, but
 * finding where a block ends means walking its columns, so every type must have a known byte
 * layout. LowCardinality is walked too: chDB writes it in Native even with {@code
 * low_cardinality_allow_in_native_format=0} (tested; the setting does not reach its Native output
 * format), and clickhouse-go reads it. Types whose layout depends on versions and settings (JSON,
 * Dynamic, Variant, Object, AggregateFunction) are refused with an {@link IOException} that names
 * the column and points to another format.
 *
 * <p>Input may arrive in any chunks; complete blocks are written as soon as they are buffered, so
 * at most one block and one chunk are held. Not thread-safe, like any stream.
 */
public final class NativeRevisionWriter extends OutputStream {

  /** ClickHouse's DBMS_MIN_REVISION_WITH_CUSTOM_SERIALIZATION. */
  static final long CUSTOM_SERIALIZATION_REVISION = 54454;

  private static final byte[] BLOCK_INFO = {1, 0, 2, -1, -1, -1, -1, 0};
  private static final int MAX_BUFFER = Integer.MAX_VALUE - 16;

  private final OutputStream out;
  private final long revision;
  private final Map<String, NativeType> types = new HashMap<>();
  private byte[] buffer = new byte[8192];
  private int filled;
  private long needed; // no block can complete before the buffer holds this many bytes
  private boolean closed;

  /**
   * @param revision the client's {@code client_protocol_version}; 0 writes chDB's layout unchanged
   */
  public NativeRevisionWriter(OutputStream out, long revision) {
    if (revision < 0) {
      throw new IllegalArgumentException("a protocol revision is not negative: " + revision);
    }
    this.out = out;
    this.revision = revision;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("the Native stream is closed");
    }
    if (length > MAX_BUFFER - filled) {
      throw new IOException("a Native block larger than 2 GiB cannot be rewritten for the client");
    }
    if (filled + length > buffer.length) {
      long grown = Math.max((long) buffer.length * 2, (long) filled + length);
      buffer = Arrays.copyOf(buffer, (int) Math.min(grown, MAX_BUFFER));
    }
    System.arraycopy(bytes, offset, buffer, filled, length);
    filled += length;
    writeCompleteBlocks();
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Closes the wrapped stream; refuses (after closing it) when input ended inside a block. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      if (filled > 0) {
        throw new IOException(
            "truncated Native stream: " + filled + " bytes of an unfinished block at its end");
      }
    }
  }

  private void writeCompleteBlocks() throws IOException {
    int start = 0;
    while (filled - start >= needed && start < filled) {
      Block block = parseBlock(start);
      if (block == null) {
        break;
      }
      writeBlock(start, block);
      start = block.end;
      needed = 0;
    }
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, filled - start);
      filled -= start; // needed counts from the block's start, now the buffer's
    }
  }

  private void writeBlock(int start, Block block) throws IOException {
    if (revision > 0) {
      out.write(BLOCK_INFO);
    }
    int from = start;
    if (revision >= CUSTOM_SERIALIZATION_REVISION) {
      for (int typeEnd : block.typeEnds) {
        out.write(buffer, from, typeEnd - from);
        out.write(0); // no custom (sparse) serialization: chDB's data is dense
        from = typeEnd;
      }
    }
    out.write(buffer, from, block.end - from);
  }

  private record Block(int end, int[] typeEnds) {}

  /** The block starting at {@code start}, or null (and {@link #needed} raised) when incomplete. */
  private Block parseBlock(int start) throws IOException {
    Cursor in = new Cursor(start);
    try {
      long columns = in.varint();
      long rows = in.varint();
      if (columns > Integer.MAX_VALUE) {
        throw new IOException("malformed Native stream: " + columns + " columns in a block");
      }
      int[] typeEnds = new int[(int) columns];
      for (int i = 0; i < columns; i++) {
        String column = in.string();
        String name = in.string();
        typeEnds[i] = in.pos;
        NativeType type = typeOf(column, name);
        if (rows > 0) { // ClickHouse writes no data, not even state prefixes, for zero rows
          type.skipPrefix(in);
          type.skip(in, rows);
        }
      }
      return new Block(in.pos, typeEnds);
    } catch (Incomplete e) {
      needed = e.atLeast - start;
      return null;
    }
  }

  private NativeType typeOf(String column, String name) throws IOException {
    NativeType type = types.get(name);
    if (type == null) {
      try {
        type = NativeType.parse(name);
      } catch (IOException e) {
        throw new IOException("column " + column + " of type " + name + ": " + e.getMessage(), e);
      }
      if (types.size() > 1024) {
        types.clear();
      }
      types.put(name, type);
    }
    return type;
  }

  /** Reading past the buffered input: the block is not complete yet. */
  private static final class Incomplete extends Exception {
    final long atLeast;

    Incomplete(long atLeast) {
      super(null, null, false, false);
      this.atLeast = atLeast;
    }
  }

  /** A read position in the buffer. */
  private final class Cursor {
    int pos;

    Cursor(int pos) {
      this.pos = pos;
    }

    void skip(long bytes) throws Incomplete, IOException {
      if (bytes < 0 || bytes > MAX_BUFFER) {
        throw new IOException("malformed Native stream: a length of " + bytes + " bytes");
      }
      if (pos + bytes > filled) {
        throw new Incomplete(pos + bytes);
      }
      pos += (int) bytes;
    }

    long varint() throws Incomplete, IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= filled) {
          throw new Incomplete(pos + 1L);
        }
        byte b = buffer[pos++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IOException("malformed Native stream: a varint longer than 10 bytes");
    }

    String string() throws Incomplete, IOException {
      long length = varint();
      int from = pos;
      skip(length);
      return new String(buffer, from, (int) length, StandardCharsets.UTF_8);
    }

    long uint64() throws Incomplete, IOException {
      int from = pos;
      skip(8);
      long value = 0;
      for (int i = 7; i >= 0; i--) {
        value = (value << 8) | (buffer[from + i] & 0xff);
      }
      return value;
    }
  }

  /** How many bytes a column of a type takes for a number of rows. */
  private sealed interface NativeType {

    /** The column's data for {@code rows} rows, after its prefix. */
    void skip(Cursor in, long rows) throws Incomplete, IOException;

    /** The state prefix written once before a column's data (LowCardinality's, nested or not). */
    default void skipPrefix(Cursor in) throws Incomplete, IOException {}

    record Fixed(long width) implements NativeType {
      @Override
      public void skip(Cursor in, long rows) throws Incomplete, IOException {
        if (rows > MAX_BUFFER / width) {
          throw new IOException(
              "malformed Native stream: " + rows + " rows of " + width + " bytes");
        }
        in.skip(rows * width);
      }
    }

    record Str() implements NativeType {
      @Override
      public void skip(Cursor in, long rows) throws Incomplete, IOException {
        for (long row = 0; row < rows; row++) {
          in.skip(in.varint());
        }
      }
    }

    record Nullable(NativeType inner) implements NativeType {
      @Override
      public void skip(Cursor in, long rows) throws Incomplete, IOException {
        new Fixed(1).skip(in, rows); // the null map
        inner.skip(in, rows);
      }

      @Override
      public void skipPrefix(Cursor in) throws Incomplete, IOException {
        inner.skipPrefix(in);
      }
    }

    record Array(NativeType element) implements NativeType {
      @Override
      public void skip(Cursor in, long rows) throws Incomplete, IOException {
        if (rows == 0) {
          return;
        }
        new Fixed(8).skip(in, rows - 1); // cumulative offsets; the last one counts the elements
        long elements = in.uint64();
        if (elements < 0) {
          throw new IOException("malformed Native stream: an array offset of " + elements);
        }
        element.skip(in, elements);
      }

      @Override
      public void skipPrefix(Cursor in) throws Incomplete, IOException {
        element.skipPrefix(in);
      }
    }

    record Tuple(List<NativeType> elements) implements NativeType {
      @Override
      public void skip(Cursor in, long rows) throws Incomplete, IOException {
        for (NativeType element : elements) {
          element.skip(in, rows);
        }
      }

      @Override
      public void skipPrefix(Cursor in) throws Incomplete, IOException {
        for (NativeType element : elements) {
          element.skipPrefix(in);
        }
      }
    }

    /**
     * A dictionary and indexes into it, as SerializationLowCardinality writes them without a shared
     * dictionary (what Native output does): a prefix {@code UInt64 1}; then flags (UInt64: index
     * width in the low byte, bit 9 "additional keys"), the dictionary (its size as UInt64, then
     * keys of the inner type without Nullable), the row count (UInt64) and one index per row.
     */
    record LowCardinality(String type, NativeType keys) implements NativeType {
      private static final long GLOBAL_DICTIONARY = 1 << 8;
      private static final long ADDITIONAL_KEYS = 1 << 9;

      @Override
      public void skip(Cursor in, long rows) throws Incomplete, IOException {
        if (rows == 0) {
          return; // inside an array of empty arrays ClickHouse writes nothing for it
        }
        long flags = in.uint64();
        int indexType = (int) (flags & 0xff);
        if (indexType > 3 || (flags & GLOBAL_DICTIONARY) != 0 || (flags & ADDITIONAL_KEYS) == 0) {
          throw new IOException(
              unsupported(type).getMessage() + " (LowCardinality flags " + flags + ")");
        }
        keys.skip(in, in.uint64());
        long indexes = in.uint64();
        new Fixed(1L << indexType).skip(in, indexes);
      }

      @Override
      public void skipPrefix(Cursor in) throws Incomplete, IOException {
        long version = in.uint64();
        if (version != 1) {
          throw new IOException(
              unsupported(type).getMessage() + " (LowCardinality keys version " + version + ")");
        }
      }
    }

    static NativeType parse(String type) throws IOException {
      TypeName name = TypeName.parse(type);
      List<String> args = name.args();
      return switch (name.name()) {
        case "UInt8", "Int8", "Bool", "Enum8", "Nothing" -> new Fixed(1);
        case "UInt16", "Int16", "Date", "Enum16", "BFloat16" -> new Fixed(2);
        case "UInt32", "Int32", "Float32", "Date32", "DateTime", "IPv4", "Decimal32", "Time" ->
            new Fixed(4);
        case "UInt64", "Int64", "Float64", "DateTime64", "Decimal64", "Time64" -> new Fixed(8);
        case "Int128", "UInt128", "UUID", "IPv6", "Decimal128" -> new Fixed(16);
        case "Int256", "UInt256", "Decimal256" -> new Fixed(32);
        case "Decimal" -> new Fixed(decimalWidth(type, args));
        case "FixedString" -> new Fixed(positive(type, args.isEmpty() ? "" : args.get(0)));
        case "String" -> new Str();
        case "Nullable" -> new Nullable(parse(only(type, args)));
        case "LowCardinality" -> {
          TypeName inner = TypeName.parse(only(type, args));
          String keys =
              inner.name().equals("Nullable") ? only(type, inner.args()) : only(type, args);
          yield new LowCardinality(type, parse(keys));
        }
        case "Array" -> new Array(parse(only(type, args)));
        case "Tuple" -> tuple(type, args);
        case "Map" -> {
          if (args.size() != 2) {
            throw unsupported(type);
          }
          yield new Array(new Tuple(List.of(parse(args.get(0)), parse(args.get(1)))));
        }
        case "SimpleAggregateFunction" -> {
          if (args.size() < 2) {
            throw unsupported(type);
          }
          yield parse(args.get(args.size() - 1));
        }
        case "Point" -> new Tuple(List.of(new Fixed(8), new Fixed(8)));
        case "Ring", "LineString" -> parse("Array(Point)");
        case "Polygon", "MultiLineString" -> parse("Array(Ring)");
        case "MultiPolygon" -> parse("Array(Polygon)");
        default -> {
          if (name.name().startsWith("Interval") && args.isEmpty()) {
            yield new Fixed(8); // IntervalSecond and its kin are Int64
          }
          throw unsupported(type);
        }
      };
    }

    private static NativeType tuple(String type, List<String> args) throws IOException {
      if (args.isEmpty()) {
        throw unsupported(type);
      }
      List<NativeType> elements = new ArrayList<>();
      for (String arg : args) {
        elements.add(parse(TypeName.withoutElementName(arg)));
      }
      return new Tuple(elements);
    }

    private static long decimalWidth(String type, List<String> args) throws IOException {
      long precision = positive(type, args.isEmpty() ? "" : args.get(0));
      return precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32;
    }

    private static long positive(String type, String number) throws IOException {
      try {
        long value = Long.parseLong(number.trim());
        if (value > 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // refused below, naming the whole type
      }
      throw unsupported(type);
    }

    private static String only(String type, List<String> args) throws IOException {
      if (args.size() != 1) {
        throw unsupported(type);
      }
      return args.get(0);
    }

    private static IOException unsupported(String type) {
      return new IOException(
          "the Native format cannot be rewritten for this client's protocol revision: the column"
              + " type "
              + type
              + " is not supported here (its byte layout is unknown or has state);"
              + " ask for another format, e.g. RowBinaryWithNamesAndTypes or JSON");
    }
  }

  /** A type as ClickHouse prints it: a name and its top-level arguments, split at commas. */
  private record TypeName(String name, List<String> args) {

    static TypeName parse(String type) throws IOException {
      String text = type.trim();
      int open = text.indexOf('(');
      if (open < 0) {
        return new TypeName(text, List.of());
      }
      if (!text.endsWith(")")) {
        throw NativeType.unsupported(type);
      }
      List<String> args = new ArrayList<>();
      int depth = 0;
      int from = open + 1;
      int end = text.length() - 1;
      for (int i = from; i < end; i++) {
        char c = text.charAt(i);
        if (c == '\'' || c == '`' || c == '"') {
          i = closingQuote(text, i, end, type);
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == ',' && depth == 0) {
          args.add(text.substring(from, i).trim());
          from = i + 1;
        }
      }
      if (depth != 0) {
        throw NativeType.unsupported(type);
      }
      args.add(text.substring(from, end).trim());
      return new TypeName(text.substring(0, open).trim(), args);
    }

    /**
     * A tuple element's type: {@code a UInt8} and {@code `a b` UInt8} name their element, {@code
     * DateTime64(3, 'UTC')} does not (its spaces are inside parentheses).
     */
    static String withoutElementName(String element) throws IOException {
      char first = element.isEmpty() ? ' ' : element.charAt(0);
      if (first == '`' || first == '"') {
        return element.substring(closingQuote(element, 0, element.length(), element) + 1).trim();
      }
      for (int i = 0; i < element.length(); i++) {
        char c = element.charAt(i);
        if (c == '(') {
          return element;
        }
        if (Character.isWhitespace(c)) {
          return element.substring(i).trim();
        }
      }
      return element;
    }

    private static int closingQuote(String text, int open, int end, String type)
        throws IOException {
      char quote = text.charAt(open);
      for (int i = open + 1; i < end; i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          return i;
        }
      }
      throw NativeType.unsupported(type);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "NativeRevisionWriter(revision %d)", revision);
  }
}
