package dev.tenantpulse.warehouse.chdb;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One chDB session: a native {@code chdb_connection} and the lock that serialises its use.
 *
 * <p>chDB runs one statement at a time per connection, so calls on one instance are serialised
 * here; parallelism comes from opening more connections on the same engine. Query text is passed
 * with its length ({@code chdb_query_n}), so binary data and NUL bytes are safe.
 */
final class NativeConnection implements AutoCloseable {

  private final ChdbLibrary lib;
  private final MemorySegment handlePointer; // chdb_connection*, what chdb_close_conn takes
  private final MemorySegment handle; // chdb_connection, what queries take
  private final Path path;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;
  private long outputLimit; // 0: none

  private NativeConnection(
      ChdbLibrary lib, MemorySegment handlePointer, MemorySegment handle, Path path) {
    this.lib = lib;
    this.handlePointer = handlePointer;
    this.handle = handle;
    this.path = path;
  }

  static NativeConnection open(ChdbLibrary lib, List<String> args, Path path) throws SQLException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment argv = arena.allocate(ADDRESS, args.size());
      for (int i = 0; i < args.size(); i++) {
        argv.setAtIndex(ADDRESS, i, arena.allocateFrom(args.get(i)));
      }
      MemorySegment pointer = (MemorySegment) lib.connect.invokeExact(args.size(), argv);
      if (pointer.equals(MemorySegment.NULL)) {
        throw new SQLException(
            "chDB refused to open " + path + " with " + args.subList(1, args.size()), "08001");
      }
      MemorySegment handle = pointer.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
      return new NativeConnection(lib, pointer, handle, path);
    } catch (SQLException e) {
      throw e;
    } catch (Throwable e) {
      throw new SQLException("chdb_connect failed for " + path, "08001", e);
    }
  }

  /** Refuses, from now on, results whose output is longer than {@code bytes} (0: no limit). */
  void limitOutput(long bytes) {
    outputLimit = bytes;
  }

  Path path() {
    return path;
  }

  /** Runs one statement and returns its output in {@code format}. */
  QueryOutput query(String sql, String format) throws SQLException {
    return query(sql.getBytes(StandardCharsets.UTF_8), format);
  }

  /**
   * Runs one statement under an engine-enforced time limit ({@code max_execution_time}), then
   * restores the session's own limit. The lock keeps other threads out between the three steps.
   */
  QueryOutput query(String sql, String format, int timeoutSeconds) throws SQLException {
    if (timeoutSeconds <= 0) {
      return query(sql, format);
    }
    lock.lock();
    try {
      query("SET max_execution_time = " + timeoutSeconds, "TSV");
      try {
        return query(sql, format);
      } finally {
        query("SET max_execution_time = DEFAULT", "TSV");
      }
    } finally {
      lock.unlock();
    }
  }

  QueryOutput query(byte[] sql, String format) throws SQLException {
    return run(
        arena -> {
          MemorySegment q = arena.allocate(sql.length + 1L);
          MemorySegment.copy(sql, 0, q, JAVA_BYTE, 0, sql.length);
          byte[] f = format.getBytes(StandardCharsets.US_ASCII);
          MemorySegment fmt = arena.allocateFrom(format);
          return (MemorySegment)
              lib.queryN.invokeExact(handle, q, (long) sql.length, fmt, (long) f.length);
        });
  }

  /** One engine call that returns a whole result, in native memory the arena owns. */
  @FunctionalInterface
  private interface ResultCall {
    MemorySegment call(Arena arena) throws Throwable;
  }

  /**
   * Runs {@code call} under the session's lock and reads its result; a failed result's leftovers
   * are discarded so the next statement on this session does not read them.
   */
  private QueryOutput run(ResultCall call) throws SQLException {
    lock.lock();
    try (Arena arena = Arena.ofConfined()) {
      ensureOpen();
      MemorySegment result = call.call(arena);
      try {
        return consume(result);
      } catch (SQLException e) {
        discardLeftovers(e);
        throw e;
      }
    } catch (SQLException e) {
      throw e;
    } catch (Throwable e) {
      throw new SQLException("chDB query failed", "58000", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Streams {@code data}, encoded in {@code format}, into {@code insertPrefix} (an INSERT without
   * FORMAT or data), as one INSERT: ClickHouse writes it as one part, all or nothing.
   *
   * @return rows written
   */
  long insert(String insertPrefix, String format, MemorySegment data) throws SQLException {
    lock.lock();
    try (Arena arena = Arena.ofConfined()) {
      ensureOpen();
      byte[] q = insertPrefix.getBytes(StandardCharsets.UTF_8);
      MemorySegment query = arena.allocateFrom(insertPrefix);
      MemorySegment fmt = arena.allocateFrom(format);
      MemorySegment stream =
          (MemorySegment)
              lib.streamInsertN.invokeExact(
                  handle, query, (long) q.length, fmt, (long) format.length());
      try {
        throwIfError((MemorySegment) lib.streamError.invokeExact(stream), insertPrefix);
        int state = (int) lib.streamAppend.invokeExact(stream, data, data.byteSize());
        if (state != 0) {
          throwIfError((MemorySegment) lib.streamError.invokeExact(stream), insertPrefix);
          throw new SQLException("chDB refused the insert data for " + insertPrefix, "22000");
        }
        MemorySegment done = (MemorySegment) lib.streamDone.invokeExact(stream);
        return consume(done).rowsWritten();
      } finally {
        lib.destroyInsertStream.invokeExact(stream);
      }
    } catch (SQLException e) {
      throw e;
    } catch (Throwable e) {
      throw new SQLException("chDB insert failed", "58000", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs one statement and hands its output to {@code out} chunk by chunk as the engine produces it
   * ({@code chdb_stream_query_with_params_n}), so a result of any size passes through a buffer of
   * one block. {@code params} bind the statement's {@code {name:Type}} placeholders in the engine,
   * after parsing: a value never becomes SQL text.
   *
   * <p>When {@code out} fails (the client went away) the query is cancelled in the engine. After
   * any failure the session may hold a half-read stream: callers close it rather than reuse it.
   */
  StreamSummary stream(byte[] sql, String format, Map<String, String> params, ResultChunks out)
      throws SQLException, IOException {
    lock.lock();
    try (Arena arena = Arena.ofConfined()) {
      ensureOpen();
      Bound bound = Bound.of(arena, sql, format, params);
      MemorySegment stream =
          (MemorySegment)
              lib.streamQueryWithParamsN.invokeExact(
                  handle,
                  bound.sql(),
                  (long) sql.length,
                  bound.format(),
                  (long) format.length(),
                  bound.names(),
                  bound.nameLengths(),
                  bound.values(),
                  bound.valueLengths(),
                  (long) params.size());
      if (stream.equals(MemorySegment.NULL)) {
        throw new SQLException("chDB returned no result stream", "58000");
      }
      try {
        throwIfError((MemorySegment) lib.resultError.invokeExact(stream), null);
        return drain(stream, out);
      } finally {
        lib.destroyResult.invokeExact(stream);
      }
    } catch (SQLException | IOException e) {
      throw e;
    } catch (Throwable e) {
      throw new SQLException("chDB streaming query failed", "58000", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs one statement with its {@code {name:Type}} placeholders bound in the engine and returns
   * its whole output: for statements the engine cannot stream (SHOW, DESCRIBE, EXPLAIN).
   */
  QueryOutput query(String sql, String format, Map<String, String> params) throws SQLException {
    if (params.isEmpty()) {
      return query(sql, format);
    }
    byte[] text = sql.getBytes(StandardCharsets.UTF_8);
    return run(
        arena -> {
          Bound bound = Bound.of(arena, text, format, params);
          return (MemorySegment)
              lib.queryWithParamsN.invokeExact(
                  handle,
                  bound.sql(),
                  (long) text.length,
                  bound.format(),
                  (long) format.length(),
                  bound.names(),
                  bound.nameLengths(),
                  bound.values(),
                  bound.valueLengths(),
                  (long) params.size());
        });
  }

  /** A statement, its format and its parameters in native memory, as the engine takes them. */
  private record Bound(
      MemorySegment sql,
      MemorySegment format,
      MemorySegment names,
      MemorySegment nameLengths,
      MemorySegment values,
      MemorySegment valueLengths) {

    static Bound of(Arena arena, byte[] sql, String format, Map<String, String> params) {
      MemorySegment q = arena.allocate(sql.length + 1L);
      MemorySegment.copy(sql, 0, q, JAVA_BYTE, 0, sql.length);
      int n = params.size();
      MemorySegment names = arena.allocate(ADDRESS, Math.max(n, 1));
      MemorySegment nameLengths = arena.allocate(JAVA_LONG, Math.max(n, 1));
      MemorySegment values = arena.allocate(ADDRESS, Math.max(n, 1));
      MemorySegment valueLengths = arena.allocate(JAVA_LONG, Math.max(n, 1));
      int i = 0;
      for (Map.Entry<String, String> param : params.entrySet()) {
        byte[] name = param.getKey().getBytes(StandardCharsets.UTF_8);
        byte[] value = param.getValue().getBytes(StandardCharsets.UTF_8);
        names.setAtIndex(ADDRESS, i, copy(arena, name));
        nameLengths.setAtIndex(JAVA_LONG, i, name.length);
        values.setAtIndex(ADDRESS, i, copy(arena, value));
        valueLengths.setAtIndex(JAVA_LONG, i, value.length);
        i++;
      }
      return new Bound(q, arena.allocateFrom(format), names, nameLengths, values, valueLengths);
    }
  }

  private StreamSummary drain(MemorySegment stream, ResultChunks out) throws Throwable {
    long resultRows = 0;
    long resultBytes = 0;
    while (true) {
      MemorySegment chunk = (MemorySegment) lib.streamFetchResult.invokeExact(handle, stream);
      if (chunk.equals(MemorySegment.NULL)) {
        throw new SQLException("chDB returned no result chunk", "58000");
      }
      try {
        throwIfError((MemorySegment) lib.resultError.invokeExact(chunk), null);
        long length = (long) lib.resultLength.invokeExact(chunk);
        // A chunk's "rows read" counts the rows it holds (seen on 26.7), not what the query read.
        resultRows += (long) lib.resultRowsRead.invokeExact(chunk);
        if (length == 0) {
          return new StreamSummary(resultRows, resultBytes);
        }
        MemorySegment buffer = (MemorySegment) lib.resultBuffer.invokeExact(chunk);
        try {
          out.write(buffer.reinterpret(length).asByteBuffer().asReadOnlyBuffer());
        } catch (IOException clientGone) {
          lib.streamCancelQuery.invokeExact(handle, stream);
          throw clientGone;
        }
        resultBytes += length;
      } finally {
        lib.destroyResult.invokeExact(chunk);
      }
    }
  }

  private static MemorySegment copy(Arena arena, byte[] bytes) {
    MemorySegment segment = arena.allocate(Math.max(bytes.length, 1));
    MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
    return segment;
  }

  /** What a streamed statement returned. */
  record StreamSummary(long resultRows, long resultBytes) {}

  /**
   * chDB (seen on 26.7) keeps what a failed query had already written, such as its header, and
   * prepends it to the next query's output on the same connection, which would then read the old
   * header as its own. One throwaway query takes those leftovers with it.
   */
  private void discardLeftovers(SQLException failure) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment q = arena.allocateFrom("SELECT 1");
      MemorySegment fmt = arena.allocateFrom("Null");
      MemorySegment result = (MemorySegment) lib.queryN.invokeExact(handle, q, 8L, fmt, 4L);
      if (!result.equals(MemorySegment.NULL)) {
        lib.destroyResult.invokeExact(result);
      }
    } catch (Throwable e) {
      failure.addSuppressed(e);
    }
  }

  private QueryOutput consume(MemorySegment result) throws Throwable {
    if (result.equals(MemorySegment.NULL)) {
      throw new SQLException("chDB returned no result", "58000");
    }
    try {
      throwIfError((MemorySegment) lib.resultError.invokeExact(result), null);
      long length = (long) lib.resultLength.invokeExact(result);
      if (outputLimit > 0 && length > outputLimit) {
        throw new SQLException(
            "the result is "
                + length
                + " bytes, more than this session's max_output_bytes of "
                + outputLimit
                + ": select fewer rows or columns, or aggregate",
            "54000",
            ChdbErrors.TOO_MANY_ROWS_OR_BYTES);
      }
      byte[] bytes = new byte[Math.toIntExact(length)];
      if (length > 0) {
        MemorySegment buffer = (MemorySegment) lib.resultBuffer.invokeExact(result);
        MemorySegment.copy(buffer.reinterpret(length), JAVA_BYTE, 0, bytes, 0, bytes.length);
      }
      long rowsRead = (long) lib.resultRowsRead.invokeExact(result);
      long rowsWritten = (long) lib.resultRowsWritten.invokeExact(result);
      return new QueryOutput(bytes, rowsRead, rowsWritten);
    } finally {
      lib.destroyResult.invokeExact(result);
    }
  }

  private static void throwIfError(MemorySegment error, String context) throws SQLException {
    if (!error.equals(MemorySegment.NULL)) {
      String message = error.reinterpret(Long.MAX_VALUE).getString(0);
      throw ChdbErrors.toException(message, context);
    }
  }

  private void ensureOpen() throws SQLException {
    if (closed) {
      throw new SQLException("the chDB connection is closed", "08003");
    }
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      lib.closeConn.invokeExact(handlePointer);
    } catch (Throwable e) {
      throw new IllegalStateException("chdb_close_conn failed for " + path, e);
    } finally {
      lock.unlock();
      ChdbEngine.released();
    }
  }

  /**
   * What the engine's own parser says {@code sql} would do, without running it: how many statements
   * it holds and its class (0 read-only, 1 mutating, 2 mutating global, 3 control, 4 unknown or
   * unparsable), as chdb_classify_query_n reports them.
   */
  Classification classify(String sql) throws SQLException {
    lock.lock();
    try (Arena arena = Arena.ofConfined()) {
      ensureOpen();
      byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
      MemorySegment q = arena.allocate(bytes.length + 1L);
      MemorySegment.copy(bytes, 0, q, JAVA_BYTE, 0, bytes.length);
      MemorySegment analysis = arena.allocate(JAVA_INT, 4); // chdb_query_analysis_v1
      analysis.setAtIndex(JAVA_INT, 0, 16); // struct_size
      int state =
          (int)
              lib.classifyQueryN.invokeExact(
                  handle, q, (long) bytes.length, MemorySegment.NULL, 0L, analysis);
      if (state != 0) {
        throw new SQLException("chDB could not classify the statement", "58000");
      }
      return new Classification(analysis.getAtIndex(JAVA_INT, 1), analysis.getAtIndex(JAVA_INT, 3));
    } catch (SQLException e) {
      throw e;
    } catch (Throwable e) {
      throw new SQLException("chdb_classify_query_n failed", "58000", e);
    } finally {
      lock.unlock();
    }
  }

  /** The engine parser's verdict on a statement text. */
  record Classification(int statementCount, int queryClass) {
    static final int READ_ONLY = 0;

    boolean isSingleRead() {
      return statementCount == 1 && queryClass == READ_ONLY;
    }

    /** Text the parser could not read: running it only yields the engine's own syntax error. */
    boolean unparsable() {
      return statementCount == 0;
    }

    /** The class in words, for a refusal's message. */
    String className() {
      return switch (queryClass) {
        case READ_ONLY -> "a read";
        case 1 -> "a write";
        case 2 -> "a global write (DDL or SYSTEM)";
        case 3 -> "a control statement (SET, USE, KILL and the like)";
        default -> "unknown";
      };
    }
  }

  /** What a statement returned: its output bytes and the engine's row counters. */
  record QueryOutput(byte[] bytes, long rowsRead, long rowsWritten) {}
}
