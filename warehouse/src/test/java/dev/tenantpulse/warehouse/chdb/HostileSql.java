package dev.tenantpulse.warehouse.chdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Generated hostile statement texts for a read-only session: every forbidden statement kind, each
 * inside every comment and string form ClickHouse has, so that a guard which disagrees with the
 * engine about where a comment, string or statement ends lets one of them through.
 *
 * <p>Every text here must be refused. Texts that only look hostile (the forbidden words inside a
 * string or a comment) are in {@link #lookAlikes()}, and must run.
 */
public final class HostileSql {

  private HostileSql() {}

  /** Statements a read-only session must never run; files they would write go under {@code dir}. */
  public static List<String> forbidden(String table, Path dir) {
    String d = dir.toAbsolutePath().toString();
    return List.of(
        // writes files
        "SELECT 'x' INTO OUTFILE '" + d + "/p1.txt' TRUNCATE FORMAT RawBLOB",
        "SELECT 'x' INTO OUTFILE '" + d + "/p2.txt'",
        "SELECT * FROM " + table + " INTO OUTFILE '" + d + "/p3.csv' APPEND FORMAT CSV",
        "WITH 1 AS x SELECT x INTO OUTFILE '" + d + "/p4.txt'",
        "(SELECT 1) INTO OUTFILE '" + d + "/p5.txt'",
        "INSERT INTO FUNCTION file('" + d + "/p6.csv', 'CSV') SELECT 1",
        "BACKUP TABLE " + table + " TO File('" + d + "/backup')",
        // reads the host's files or reaches the network
        "SELECT file('/etc/hostname')",
        "SELECT length(file('/proc/self/environ'))",
        "SELECT `file`('/etc/hostname') AS f",
        "SELECT arrayMap(p -> file(p), ['/etc/hostname'])",
        "WITH file('/etc/hostname') AS f SELECT f",
        "SELECT * FROM file('/etc/hostname', 'RawBLOB')",
        "SELECT * FROM url('http://127.0.0.1:9/x', 'RawBLOB')",
        "SELECT * FROM s3('http://127.0.0.1:9/b/k', 'RawBLOB')",
        "SELECT * FROM remote('127.0.0.1:9', system.one)",
        "SELECT * FROM executable('cat /etc/hostname', 'RawBLOB', 'x String')",
        "SELECT * FROM filesystem('/etc')",
        "SELECT * FROM mysql('127.0.0.1:9', 'db', 't', 'u', 'p')",
        "SELECT * FROM postgresql('127.0.0.1:9', 'db', 't', 'u', 'p')",
        "SELECT * FROM view(SELECT file('/etc/hostname'))",
        "EXPLAIN SELECT file('/etc/hostname')",
        // writes or changes the warehouse
        "INSERT INTO " + table + " VALUES (9)",
        "CREATE TABLE " + table + "_x (a UInt8) ENGINE = Memory",
        "DROP TABLE " + table,
        "TRUNCATE TABLE " + table,
        "ALTER TABLE " + table + " DELETE WHERE 1",
        "OPTIMIZE TABLE " + table + " FINAL",
        "RENAME TABLE " + table + " TO " + table + "_gone",
        // lifts its own limits
        "SET readonly = 0",
        "SELECT 1 SETTINGS readonly = 0",
        "SELECT 1 SETTINGS max_result_rows = 0",
        // controls the engine
        "KILL QUERY WHERE 1",
        "SYSTEM STOP MERGES",
        "SYSTEM FLUSH LOGS",
        "USE system",
        // client commands that chDB would run
        "\\i /etc/hostname",
        "source /etc/hostname");
  }

  /** The forms one statement can be hidden in; each keeps the statement as code. */
  public static List<UnaryOperator<String>> wrappers() {
    List<UnaryOperator<String>> w = new ArrayList<>();
    w.add(s -> s);
    w.add(s -> s + ";");
    w.add(s -> "-- comment\n" + s);
    w.add(s -> "/* comment */ " + s);
    w.add(s -> "/* outer /* nested */ still comment */ " + s);
    w.add(s -> "# hash comment\n" + s);
    w.add(s -> "#! shebang comment\n" + s);
    w.add(s -> s + " # '\nSELEC broken second statement");
    w.add(s -> s + " -- '\nSELEC broken");
    w.add(s -> s + " // '\nSELEC broken");
    w.add(s -> s + " /* unterminated");
    w.add(s -> "SELECT 1; " + s);
    w.add(s -> "SELECT 1;\n" + s + ";");
    w.add(s -> s + "; SELECT 1");
    w.add(s -> "SELECT $$ ; $$; " + s);
    w.add(s -> "SELECT 'it''s; -- not a comment'; " + s);
    w.add(s -> "SELECT 'a\\'; '; " + s);
    w.add(s -> "SELECT \"x;y\" FROM (SELECT 1 AS `x;y`); " + s);
    w.add(s -> "\t\r\n " + s.replace(" ", "\n\t ") + "\n");
    w.add(s -> s.toLowerCase(java.util.Locale.ROOT));
    return w;
  }

  /** Every forbidden statement in every wrapper. */
  public static List<String> all(String table, Path dir) {
    List<String> texts = new ArrayList<>();
    for (String statement : forbidden(table, dir)) {
      for (UnaryOperator<String> wrapper : wrappers()) {
        texts.add(wrapper.apply(statement));
      }
    }
    return texts;
  }

  /**
   * Every forbidden statement in {@code perStatement} of the wrappers, rotating so that every
   * wrapper is used: for paths where each text costs a session of its own (HTTP).
   */
  public static List<String> sample(String table, Path dir, int perStatement) {
    List<String> statements = forbidden(table, dir);
    List<UnaryOperator<String>> wrappers = wrappers();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      for (int k = 0; k < perStatement; k++) {
        texts.add(wrappers.get((i * perStatement + k) % wrappers.size()).apply(statements.get(i)));
      }
    }
    return texts;
  }

  /** Harmless reads that mention forbidden things only inside strings or comments: they run. */
  public static List<String> lookAlikes(String table) {
    return List.of(
        "SELECT 'INTO OUTFILE ''/tmp/x''' AS s",
        "SELECT 1 -- INTO OUTFILE '/tmp/x'",
        "SELECT 1 /* ; DROP TABLE " + table + " */",
        "# file('/etc/hostname')\nSELECT 1",
        "SELECT 'file(''/etc/hostname'')' AS s",
        "SELECT $$; DROP TABLE " + table + "$$ AS s",
        "SELECT count() FROM " + table,
        "SELECT count() FROM numbers(10)",
        "SELECT sum(generate_series) FROM generate_series(1, 10)",
        "WITH 2 AS x SELECT x * 3",
        "SELECT 1;",
        "SHOW TABLES FROM system LIKE 'one'",
        "DESCRIBE TABLE system.one",
        "EXISTS TABLE system.one",
        "EXPLAIN SELECT 1",
        "SELECT * FROM system.one",
        "SELECT formatQuery('SELECT 1')",
        "SELECT `file` FROM (SELECT 1 AS `file`)");
  }
}
