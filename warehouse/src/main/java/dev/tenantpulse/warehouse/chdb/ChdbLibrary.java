package dev.tenantpulse.warehouse.chdb;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The chDB C API ({@code libchdb.so}) bound through the Foreign Function &amp; Memory API.
 *
 * <p>The library is ~566 MB and is never committed: {@code bin/fetch-chdb} downloads the pinned npm
 * package once into a cache. It is found through the system property {@code chdb.library}, the
 * environment variable {@code CHDB_LIBRARY}, or the default cache path, in that order. Loading it
 * twice in one process is harmless (the OS keeps one copy), but the engine inside admits one data
 * path per process: see {@link ChdbEngine}.
 */
final class ChdbLibrary {

  static final String VERSION = "26.7.3-stable.1";
  static final String FIX_COMMAND = "bin/fetch-chdb";

  private static volatile ChdbLibrary instance;

  final MethodHandle connect; // chdb_connection* chdb_connect(int argc, char** argv)
  final MethodHandle closeConn; // void chdb_close_conn(chdb_connection* conn)
  final MethodHandle queryN; // chdb_result* chdb_query_n(conn, query, len, format, len)
  final MethodHandle resultError; // const char* chdb_result_error(chdb_result*)
  final MethodHandle resultBuffer; // char* chdb_result_buffer(chdb_result*)
  final MethodHandle resultLength; // size_t chdb_result_length(chdb_result*)
  final MethodHandle resultRowsRead; // uint64_t chdb_result_rows_read(chdb_result*)
  final MethodHandle resultRowsWritten; // uint64_t chdb_result_rows_written(chdb_result*)
  final MethodHandle destroyResult; // void chdb_destroy_query_result(chdb_result*)
  final MethodHandle streamInsertN; // chdb_insert_stream chdb_stream_insert_n(conn, q, len, f, len)
  final MethodHandle streamAppend; // chdb_state chdb_stream_append(stream, data, len)
  final MethodHandle streamDone; // chdb_result* chdb_stream_done(stream)
  final MethodHandle streamError; // const char* chdb_stream_insert_error(stream)
  final MethodHandle destroyInsertStream; // void chdb_destroy_insert_stream(stream)
  final MethodHandle version; // const char* chdb_version(void)
  // chdb_result* chdb_stream_query_with_params_n(conn, q, len, f, len, names, name_lens, values,
  //     value_lens, count): a streaming query whose {name:Type} placeholders the engine binds
  final MethodHandle streamQueryWithParamsN;
  // chdb_result* chdb_query_with_params_n(same arguments): the same, buffered
  final MethodHandle queryWithParamsN;
  final MethodHandle streamFetchResult; // chdb_result* chdb_stream_fetch_result(conn, stream)
  final MethodHandle streamCancelQuery; // void chdb_stream_cancel_query(conn, stream)
  // chdb_state chdb_classify_query_n(conn, sql, len, target_db, len, chdb_query_analysis_v1*)
  final MethodHandle classifyQueryN;

  private ChdbLibrary(Path path) {
    SymbolLookup lib = SymbolLookup.libraryLookup(path, Arena.global());
    Linker linker = Linker.nativeLinker();
    Binder b = new Binder(lib, linker);
    connect = b.bind("chdb_connect", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    closeConn = b.bind("chdb_close_conn", FunctionDescriptor.ofVoid(ADDRESS));
    queryN =
        b.bind(
            "chdb_query_n",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
    resultError = b.bind("chdb_result_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
    resultBuffer = b.bind("chdb_result_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS));
    resultLength = b.bind("chdb_result_length", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    resultRowsRead = b.bind("chdb_result_rows_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    resultRowsWritten =
        b.bind("chdb_result_rows_written", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    destroyResult = b.bind("chdb_destroy_query_result", FunctionDescriptor.ofVoid(ADDRESS));
    streamInsertN =
        b.bind(
            "chdb_stream_insert_n",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
    streamAppend =
        b.bind("chdb_stream_append", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    streamDone = b.bind("chdb_stream_done", FunctionDescriptor.of(ADDRESS, ADDRESS));
    streamError = b.bind("chdb_stream_insert_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
    destroyInsertStream = b.bind("chdb_destroy_insert_stream", FunctionDescriptor.ofVoid(ADDRESS));
    version = b.bind("chdb_version", FunctionDescriptor.of(ADDRESS));
    streamQueryWithParamsN =
        b.bind(
            "chdb_stream_query_with_params_n",
            FunctionDescriptor.of(
                ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, JAVA_LONG));
    queryWithParamsN =
        b.bind(
            "chdb_query_with_params_n",
            FunctionDescriptor.of(
                ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, JAVA_LONG));
    streamFetchResult =
        b.bind("chdb_stream_fetch_result", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    streamCancelQuery =
        b.bind("chdb_stream_cancel_query", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    classifyQueryN =
        b.bind(
            "chdb_classify_query_n",
            FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS));
    MethodHandle signals =
        b.bind("chdb_set_signal_handlers_enabled", FunctionDescriptor.ofVoid(JAVA_INT));
    try {
      // The JVM owns SIGSEGV and friends (it uses them for safepoints and implicit null checks);
      // chDB's handlers would turn those into crashes. Must happen before the first connect.
      signals.invokeExact(0);
    } catch (Throwable e) {
      throw new IllegalStateException("chdb_set_signal_handlers_enabled failed", e);
    }
  }

  /** The loaded library, loading it on first use. */
  static ChdbLibrary get() throws SQLException {
    ChdbLibrary lib = instance;
    if (lib == null) {
      synchronized (ChdbLibrary.class) {
        lib = instance;
        if (lib == null) {
          Path path = locate();
          if (!Files.isRegularFile(path)) {
            throw new SQLException(
                "chDB engine library not found at "
                    + path
                    + " (chDB "
                    + VERSION
                    + "). Fetch it once with: "
                    + FIX_COMMAND
                    + "   (or point -Dchdb.library / CHDB_LIBRARY at a libchdb.so)",
                "08001");
          }
          lib = new ChdbLibrary(path);
          instance = lib;
        }
      }
    }
    return lib;
  }

  static Path locate() {
    String configured = System.getProperty("chdb.library");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("CHDB_LIBRARY");
    }
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String cache = System.getenv("TENANT_PULSE_CACHE");
    Path base =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache", "tenant-pulse");
    return base.resolve("chdb").resolve(VERSION).resolve("libchdb.so");
  }

  String engineVersion() {
    try {
      MemorySegment s = (MemorySegment) version.invokeExact();
      return s.reinterpret(Long.MAX_VALUE).getString(0);
    } catch (Throwable e) {
      return "unknown";
    }
  }

  private record Binder(SymbolLookup lib, Linker linker) {
    MethodHandle bind(String name, FunctionDescriptor descriptor) {
      MemorySegment symbol =
          lib.find(name)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "libchdb.so lacks symbol "
                              + name
                              + ": it is not chDB "
                              + VERSION
                              + "; run "
                              + FIX_COMMAND
                              + " --force"));
      return linker.downcallHandle(symbol, descriptor);
    }
  }
}
