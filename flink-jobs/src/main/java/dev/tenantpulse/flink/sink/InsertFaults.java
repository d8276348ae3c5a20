package dev.tenantpulse.flink.sink;

import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whose fault a failed INSERT is: the rows' (split the batch, refuse the rows that fail alone), the
 * batch's shape (more partitions than one INSERT may create: split it by partition), or the
 * connection's or the server's (retry the same rows later).
 */
final class InsertFaults {

  enum Kind {
    /** Connection, timeout, memory, a server busy merging: the same rows may succeed later. */
    TRANSIENT,
    /** A value a column refuses: some row of the batch is at fault. */
    ROWS,
    /** The batch spans more partitions than one INSERT may create. */
    PARTITIONS
  }

  /**
   * ClickHouse error codes that a value of the inserted rows causes: CANNOT_PARSE_TEXT (6),
   * CANNOT_PARSE_QUOTED_STRING (26), CANNOT_PARSE_INPUT_ASSERTION_FAILED (27),
   * ATTEMPT_TO_READ_AFTER_EOF (32), CANNOT_PARSE_DATE (38), CANNOT_PARSE_DATETIME (41),
   * TYPE_MISMATCH (53), ARGUMENT_OUT_OF_BOUND (69), CANNOT_CONVERT_TYPE (70), CANNOT_PARSE_NUMBER
   * (72), INCORRECT_DATA (117), TOO_LARGE_STRING_SIZE (131), VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
   * (321), DECIMAL_OVERFLOW (407), VIOLATED_CONSTRAINT (469).
   */
  static final Set<Integer> ROW_CODES =
      Set.of(6, 26, 27, 32, 38, 41, 53, 69, 70, 72, 117, 131, 321, 407, 469);

  /**
   * TOO_MANY_PARTS (252) stands for two things: "Too many partitions for single INSERT block" (the
   * batch's shape) and "Too many parts … merges are processing significantly slower than inserts"
   * (the server is behind: transient). Only the message tells them apart.
   */
  static final int TOO_MANY_PARTS = 252;

  private static final Pattern CODE = Pattern.compile("Code:\\s*(\\d+)");
  private static final Pattern PARTITION_LIMIT =
      Pattern.compile("Too many partitions for single INSERT block \\(more than (\\d+)\\)");

  /** What an INSERT may create when the message does not say: ClickHouse's default. */
  static final int DEFAULT_PARTITION_LIMIT = 100;

  private InsertFaults() {}

  static Kind classify(SQLException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (PARTITION_LIMIT.matcher(message).find()) {
        return Kind.PARTITIONS;
      }
      int code = code(t);
      if (code == TOO_MANY_PARTS) {
        return Kind.TRANSIENT;
      }
      if (ROW_CODES.contains(code)) {
        return Kind.ROWS;
      }
      // SQL states of class 22 (data exception) and 23 (integrity constraint violation): a driver
      // that refuses a value before sending it (jdbc:chdb: says 22000 for a row its binary
      // encoding cannot carry).
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
        return Kind.ROWS;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Kind.TRANSIENT;
  }

  /** How many partitions one INSERT may create, as the engine's message says. */
  static int partitionLimit(SQLException failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      Matcher m = PARTITION_LIMIT.matcher(t.getMessage() == null ? "" : t.getMessage());
      if (m.find()) {
        return Math.max(1, Integer.parseInt(m.group(1)));
      }
    }
    return DEFAULT_PARTITION_LIMIT;
  }

  /** The ClickHouse error code: the driver's, else the "Code: N" of the message; 0 for none. */
  private static int code(Throwable t) {
    if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
      return sql.getErrorCode();
    }
    Matcher m = CODE.matcher(t.getMessage() == null ? "" : t.getMessage());
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}
