package dev.tenantpulse.dashboards.macros;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The macros of the official ClickHouse plugin ({@code grafana-clickhouse-datasource}, {@code
 * pkg/macros/macros.go}), expanded the way its backend does before the SQL reaches ClickHouse:
 *
 * <pre>
 * $__fromTime / $__toTime              toDateTime(&lt;unix s&gt;)
 * $__fromTime_ms / $__toTime_ms        fromUnixTimestamp64Milli(&lt;unix ms&gt;)
 * $__timeFilter(col)                   col &gt;= toDateTime(from) AND col &lt;= toDateTime(to)
 * $__timeFilter_ms(col)                the same with fromUnixTimestamp64Milli
 * $__dateFilter(col)                   col &gt;= toDate('yyyy-MM-dd') AND col &lt;= toDate('yyyy-MM-dd')
 * $__dateTimeFilter(d, t) / $__dt(d, t) (date filter on d) AND (time filter on t)
 * $__timeInterval(col)                 toStartOfInterval(toDateTime(col), INTERVAL &lt;s&gt; second)
 * $__timeInterval_ms(col)              toStartOfInterval(toDateTime64(col, 3), INTERVAL &lt;ms&gt; millisecond)
 * $__interval_s                        &lt;s&gt;
 * </pre>
 *
 * Both ends are inclusive; seconds are truncated, the interval is at least 1 s (1 ms); dates are
 * the UTC days of the range's ends (Grafana sends the range in UTC). Arguments are split at commas
 * and trimmed, as the plugin's macro engine (sqlds) does.
 *
 * <p>Stricter than the plugin on purpose: an unknown {@code $__} macro is an error (the plugin
 * leaves it for ClickHouse to reject), and so is a parenthesis inside a macro argument, because
 * older plugin versions match arguments with {@code \((.*?)\)} and cut them at the first {@code )}.
 */
public final class ClickHouseMacros {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private static final Map<String, BiFunction<QueryContext, List<String>, String>> MACROS =
      Map.ofEntries(
          Map.entry("fromTime", (c, a) -> noArgs(a, dateTime(c.from()))),
          Map.entry("toTime", (c, a) -> noArgs(a, dateTime(c.to()))),
          Map.entry("fromTime_ms", (c, a) -> noArgs(a, dateTime64(c.from()))),
          Map.entry("toTime_ms", (c, a) -> noArgs(a, dateTime64(c.to()))),
          Map.entry("timeFilter", (c, a) -> range(one(a), dateTime(c.from()), dateTime(c.to()))),
          Map.entry(
              "timeFilter_ms", (c, a) -> range(one(a), dateTime64(c.from()), dateTime64(c.to()))),
          Map.entry("dateFilter", (c, a) -> range(one(a), date(c.from()), date(c.to()))),
          Map.entry("dateTimeFilter", ClickHouseMacros::dateTimeFilter),
          Map.entry("dt", ClickHouseMacros::dateTimeFilter),
          Map.entry(
              "timeInterval",
              (c, a) ->
                  "toStartOfInterval(toDateTime(%s), INTERVAL %d second)"
                      .formatted(one(a), seconds(c))),
          Map.entry(
              "timeInterval_ms",
              (c, a) ->
                  "toStartOfInterval(toDateTime64(%s, 3), INTERVAL %d millisecond)"
                      .formatted(one(a), Math.max(c.interval().toMillis(), 1))),
          Map.entry("interval_s", (c, a) -> noArgs(a, Long.toString(seconds(c)))));

  private ClickHouseMacros() {}

  /** The SQL with every {@code $__macro} expanded for the context's time range and interval. */
  public static String expand(String sql, QueryContext context) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int at = sql.indexOf("$__", i);
      if (at < 0) {
        out.append(sql, i, sql.length());
        return out.toString();
      }
      out.append(sql, i, at);
      int nameEnd = at + 3;
      while (nameEnd < sql.length()
          && (Character.isLetterOrDigit(sql.charAt(nameEnd)) || sql.charAt(nameEnd) == '_')) {
        nameEnd++;
      }
      String name = sql.substring(at + 3, nameEnd);
      BiFunction<QueryContext, List<String>, String> macro = MACROS.get(name);
      if (macro == null) {
        throw new IllegalArgumentException("unknown ClickHouse plugin macro $__" + name);
      }
      List<String> args = List.of();
      int end = nameEnd;
      if (nameEnd < sql.length() && sql.charAt(nameEnd) == '(') {
        int close = sql.indexOf(')', nameEnd);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed arguments of $__" + name);
        }
        String inside = sql.substring(nameEnd + 1, close);
        if (inside.contains("(")) {
          throw new IllegalArgumentException(
              "$__"
                  + name
                  + " argument holds a parenthesis, which older plugin versions cut: "
                  + inside);
        }
        args = new ArrayList<>();
        for (String arg : inside.split(",", -1)) {
          args.add(arg.trim());
        }
        end = close + 1;
      }
      out.append(macro.apply(context, args));
      i = end;
    }
  }

  private static String noArgs(List<String> args, String value) {
    if (!args.isEmpty() && !(args.size() == 1 && args.get(0).isEmpty())) {
      throw new IllegalArgumentException("macro takes no arguments: " + args);
    }
    return value;
  }

  private static String one(List<String> args) {
    if (args.size() != 1 || args.get(0).isEmpty()) {
      throw new IllegalArgumentException("expected 1 argument, received " + args.size());
    }
    return args.get(0);
  }

  private static String dateTimeFilter(QueryContext c, List<String> args) {
    if (args.size() != 2) {
      throw new IllegalArgumentException("expected 2 arguments, received " + args.size());
    }
    return "("
        + range(args.get(0), date(c.from()), date(c.to()))
        + ") AND ("
        + range(args.get(1), dateTime(c.from()), dateTime(c.to()))
        + ")";
  }

  private static String range(String column, String from, String to) {
    return column + " >= " + from + " AND " + column + " <= " + to;
  }

  private static String dateTime(Instant t) {
    return "toDateTime(" + t.getEpochSecond() + ")";
  }

  private static String dateTime64(Instant t) {
    return "fromUnixTimestamp64Milli(" + t.toEpochMilli() + ")";
  }

  private static String date(Instant t) {
    return "toDate('" + DAY.format(t) + "')";
  }

  private static long seconds(QueryContext c) {
    return Math.max(c.interval().toSeconds(), 1);
  }
}
