package dev.tenantpulse.warehouse.shell;

import java.sql.SQLException;
import java.util.regex.Pattern;

/** Turns a failed statement into the one line the shell prints: {@code ERROR <code>: <message>}. */
final class ShellErrors {

  static final int READONLY = 164;
  private static final int MAX_MESSAGE = 400;
  private static final Pattern ENGINE_PREFIX =
      Pattern.compile("^(?:Code:\\s*\\d+\\.\\s*DB::Exception:\\s*)+(?:default:\\s*)?");
  private static final Pattern VERSION = Pattern.compile("\\s*\\(version [0-9.]+\\)");

  private ShellErrors() {}

  static String line(SQLException e) {
    String code = e.getErrorCode() > 0 ? Integer.toString(e.getErrorCode()) : sqlState(e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.replaceAll("\\s+", " ").strip();
    message = VERSION.matcher(ENGINE_PREFIX.matcher(message).replaceFirst("")).replaceAll("");
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "…";
    }
    if (e.getErrorCode() == READONLY && !message.startsWith("read-only session")) {
      message = "read-only shell: " + message;
    }
    return "ERROR " + code + ": " + message;
  }

  private static String sqlState(SQLException e) {
    return e.getSQLState() == null ? "?" : e.getSQLState();
  }
}
