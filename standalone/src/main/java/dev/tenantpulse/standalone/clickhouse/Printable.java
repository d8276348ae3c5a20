package dev.tenantpulse.standalone.clickhouse;

/** A client's text as it may appear in an error message: short, one line, no control bytes. */
final class Printable {

  private Printable() {}

  static String of(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return "'" + cut.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?") + "'";
  }
}
