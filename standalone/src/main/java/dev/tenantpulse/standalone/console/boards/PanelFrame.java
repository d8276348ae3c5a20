package dev.tenantpulse.standalone.console.boards;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantpulse.standalone.console.SqlResult;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A panel's data as the page draws it: the query's columns and rows, with every {@code Date} and
 * {@code DateTime} cell as epoch milliseconds (what charting libraries take), numbers as numbers,
 * NULL as null.
 */
public record PanelFrame(
    List<SqlResult.Column> columns,
    List<List<Object>> rows,
    boolean truncated,
    @JsonProperty("elapsed_ms") long elapsedMs) {

  private static final Pattern TIME_TYPE =
      Pattern.compile("^(?:Nullable\\()?(Date|Date32|DateTime|DateTime64)(?:\\((.*)\\))?\\)?$");
  private static final Pattern ZONE = Pattern.compile("'([^']+)'");
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  public static PanelFrame of(SqlResult result) {
    int n = result.columns().size();
    List<ZoneId> timeZones = new ArrayList<>(n); // null: not a time column
    List<Boolean> dateOnly = new ArrayList<>(n);
    for (SqlResult.Column column : result.columns()) {
      Matcher m = TIME_TYPE.matcher(column.type());
      if (m.matches()) {
        Matcher zone = ZONE.matcher(m.group(2) == null ? "" : m.group(2));
        timeZones.add(zone.find() ? ZoneId.of(zone.group(1)) : ZoneOffset.UTC);
        dateOnly.add(m.group(1).startsWith("Date") && !m.group(1).startsWith("DateTime"));
      } else {
        timeZones.add(null);
        dateOnly.add(false);
      }
    }
    List<List<Object>> rows = new ArrayList<>(result.rows().size());
    for (List<Object> row : result.rows()) {
      List<Object> out = new ArrayList<>(n);
      for (int c = 0; c < n; c++) {
        Object cell = row.get(c);
        ZoneId zone = timeZones.get(c);
        out.add(
            zone == null || !(cell instanceof String text)
                ? cell
                : millis(text, zone, dateOnly.get(c)));
      }
      rows.add(out);
    }
    return new PanelFrame(result.columns(), rows, result.truncated(), result.elapsedMs());
  }

  private static Object millis(String text, ZoneId zone, boolean dateOnly) {
    try {
      if (dateOnly) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(text, DATE_TIME).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return text; // a form we do not know: the page shows it as text rather than lose it
    }
  }
}
