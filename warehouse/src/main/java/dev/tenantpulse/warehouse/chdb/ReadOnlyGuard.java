package dev.tenantpulse.warehouse.chdb;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a read-only session runs, decided by the engine's own parser, never by ours.
 *
 * <p>Why not a tokenizer of our own: ClickHouse has comment and string forms ({@code #}, {@code
 * //}, nested block comments, {@code $$…$$} heredocs, backslash escapes) that any second parser
 * gets wrong somewhere, and every disagreement about where a statement ends is a way past the
 * guard: a text that looked like one harmless statement to us ran an {@code INTO OUTFILE} in chDB.
 * So the engine decides, in three steps, and a text fails closed at each:
 *
 * <ol>
 *   <li>{@code chdb_classify_query_n}: exactly one statement, of the read-only class. A text the
 *       parser cannot read is refused with the parser's own syntax error (chDB would otherwise run
 *       the statements before the broken one, or treat {@code \i file} as a client command).
 *   <li>{@code EXPLAIN AST} of the same text: no function that reads the host's files or reaches
 *       the network ({@code file}, and every table function but the generators listed below), and
 *       no output file. readonly=1 already refuses most table functions; the scalar {@code file()}
 *       it does not (seen on chDB 26.7), and this list does not depend on that.
 *   <li>readonly=1 on the session itself (the caller's URL): the engine refuses writes and any
 *       change of settings, including a statement's own {@code SETTINGS} clause.
 * </ol>
 */
final class ReadOnlyGuard {

  /** ClickHouse's own default {@code max_query_size}: a longer text is refused before parsing. */
  static final int MAX_QUERY_BYTES = 262_144;

  /** Table functions that only generate or re-read what the session may already read. */
  private static final Set<String> SAFE_TABLE_FUNCTIONS =
      Set.of(
          "numbers",
          "numbers_mt",
          "zeros",
          "zeros_mt",
          "primes",
          "generate_series",
          "generateseries",
          "generaterandom",
          "values",
          "null",
          "view",
          "merge",
          "format");

  /**
   * Scalar functions that read the host ({@code file('/etc/…')}). Table functions are refused by
   * name from the engine's own list, so a table function added in a newer engine is refused too.
   */
  private static final Set<String> HOST_FUNCTIONS = Set.of("file");

  private static volatile Set<String> tableFunctions;
  private static volatile Map<String, String> outputFormats;

  private ReadOnlyGuard() {}

  /** Refuses {@code sql} unless it is one reading statement that stays inside the engine. */
  static Checked check(NativeConnection session, String sql) throws SQLException {
    return check(session, sql, Map.of());
  }

  /**
   * The same, for a statement whose {@code {name:Type}} placeholders {@code params} bind: the
   * engine substitutes them before it prints the AST, so it needs them to parse.
   */
  static Checked check(NativeConnection session, String sql, Map<String, String> params)
      throws SQLException {
    int bytes = sql.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_QUERY_BYTES) {
      throw new SQLException(
          "the statement is "
              + bytes
              + " bytes; a read-only session takes at most "
              + MAX_QUERY_BYTES
              + " (ClickHouse's max_query_size)",
          "54000",
          ChdbErrors.QUERY_IS_TOO_LARGE);
    }
    NativeConnection.Classification verdict = session.classify(sql);
    if (verdict.unparsable()) {
      throw syntaxError(session, sql);
    }
    if (verdict.statementCount() > 1) {
      throw refused(
          "the text holds "
              + verdict.statementCount()
              + " statements; a read-only session runs exactly one");
    }
    // EXPLAIN AST only parses, whatever the statement; its nodes name what is refused most
    // precisely (an INTO OUTFILE, a function), so they are read before the class.
    String[] ast = explainAst(session, sql, params);
    for (String line : ast) {
      checkNode(session, line);
    }
    if (!verdict.isSingleRead()) {
      throw refused(
          "only single reading statements (SELECT, WITH … SELECT, SHOW, DESCRIBE, EXPLAIN,"
              + " EXISTS) run on a read-only session; the engine's parser classifies this one as "
              + verdict.className()
              + " (writes, SET, SYSTEM, KILL, USE and DDL are refused)");
    }
    return new Checked(formatClause(session, sql, ast), isSelect(ast[0]));
  }

  /**
   * What the guard learned about a statement it let through.
   *
   * @param select a SELECT (with UNION, INTERSECT …): the engine streams only those
   */
  record Checked(Optional<String> format, boolean select) {}

  private static boolean isSelect(String root) {
    return root.startsWith("SelectWithUnionQuery") || root.startsWith("SelectIntersectExceptQuery");
  }

  /**
   * The output format the statement's own {@code FORMAT} clause names, which the engine uses
   * instead of the one the caller asked for. In the AST it is the statement's last direct child, an
   * identifier; a {@code SHOW TABLES FROM JSON} ends in one too, so a candidate counts only when it
   * names an output format and a second FORMAT clause would not parse after the text.
   */
  private static Optional<String> formatClause(NativeConnection session, String sql, String[] ast)
      throws SQLException {
    String last = "";
    for (String line : ast) {
      if (line.length() > 1 && line.charAt(0) == ' ' && line.charAt(1) != ' ') {
        last = line.substring(1);
      }
    }
    if (!last.startsWith("Identifier ")) {
      return Optional.empty();
    }
    String name = last.substring("Identifier ".length()).split(" ", 2)[0];
    String canonical = outputFormats(session).get(name.toLowerCase(Locale.ROOT));
    if (canonical == null || !session.classify(sql + "\nFORMAT TSV").unparsable()) {
      return Optional.empty();
    }
    return Optional.of(canonical);
  }

  private static Map<String, String> outputFormats(NativeConnection session) throws SQLException {
    Map<String, String> known = outputFormats;
    if (known == null) {
      byte[] out =
          session.query("SELECT name FROM system.formats WHERE is_output", "TSVRaw").bytes();
      Map<String, String> byLowerCase = new HashMap<>();
      for (String name : new String(out, StandardCharsets.UTF_8).strip().split("\n")) {
        byLowerCase.put(name.toLowerCase(Locale.ROOT), name);
      }
      known = Map.copyOf(byLowerCase);
      outputFormats = known;
    }
    return known;
  }

  private static void checkNode(NativeConnection session, String line) throws SQLException {
    String node = line.strip();
    int depth = line.length() - node.length();
    if (depth == 1 && node.startsWith("Literal ")) {
      // The only literal directly under a statement is its INTO OUTFILE target.
      throw refused("INTO OUTFILE writes a file on the host; a read-only session writes nothing");
    }
    if (!node.startsWith("Function ")) {
      return;
    }
    String name = node.substring("Function ".length()).split(" ", 2)[0];
    String key = name.toLowerCase(Locale.ROOT);
    if (HOST_FUNCTIONS.contains(key)) {
      throw refused(
          "function " + name + " reaches the host's files, which a read-only session may not do");
    }
    if (tableFunctions(session).contains(key) && !SAFE_TABLE_FUNCTIONS.contains(key)) {
      throw refused(
          "table function "
              + name
              + " reaches outside the warehouse (files, the network or other servers); a"
              + " read-only session may use only "
              + String.join(", ", SAFE_TABLE_FUNCTIONS.stream().sorted().toList()));
    }
  }

  /**
   * The engine's AST of {@code sql}, one node per line, indented by depth. The text was just
   * classified as one reading statement, so prefixing it parses as that statement's EXPLAIN; a
   * FORMAT clause stays the inner statement's (a child node), and string literals are printed
   * quoted and escaped, so no literal can pose as a node.
   */
  private static String[] explainAst(
      NativeConnection session, String sql, Map<String, String> params) throws SQLException {
    byte[] out = session.query("EXPLAIN AST " + sql, "TSVRaw", params).bytes();
    return new String(out, StandardCharsets.UTF_8).split("\n");
  }

  private static Set<String> tableFunctions(NativeConnection session) throws SQLException {
    Set<String> known = tableFunctions;
    if (known == null) {
      byte[] out =
          session.query("SELECT lower(name) FROM system.table_functions", "TSVRaw").bytes();
      known = Set.of(new String(out, StandardCharsets.UTF_8).strip().split("\n"));
      tableFunctions = known;
    }
    return known;
  }

  /**
   * The parser's own message for a text it cannot read, obtained without running the text: it goes
   * to formatQuery as a bound string literal, which only parses.
   */
  private static SQLException syntaxError(NativeConnection session, String sql) {
    try {
      session.query("SELECT formatQuery(" + SqlLiterals.render(sql) + ")", "TSVRaw");
    } catch (SQLException parserMessage) {
      String message = parserMessage.getMessage().strip();
      int wrapper = message.indexOf(": In scope SELECT formatQuery(");
      if (wrapper > 0) {
        message = message.substring(0, wrapper) + " (nothing of the text ran)";
      }
      return new SQLSyntaxErrorException(message, "42000", ChdbErrors.SYNTAX_ERROR);
    }
    return refused("the engine's parser could not classify this text as one statement");
  }

  private static SQLException refused(String reason) {
    return new SQLException(
        "read-only session (readonly=1): " + reason, "25006", ChdbErrors.READONLY);
  }
}
