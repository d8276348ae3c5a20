package dev.tenantpulse.dashboards.model;

/**
 * How the ClickHouse plugin shapes a SQL result: its {@code queryType} and the numeric {@code
 * format} of Grafana's SQL data sources (sqlds: 0 = time series, 1 = table), which the plugin maps
 * one to the other.
 *
 * <p>A time series result is "long": a time column first, then string label columns and numeric
 * value columns; the plugin turns each distinct label combination into one series.
 */
public enum QueryType {
  TIME_SERIES("timeseries", 0),
  TABLE("table", 1);

  private final String wireName;
  private final int format;

  QueryType(String wireName, int format) {
    this.wireName = wireName;
    this.format = format;
  }

  public String wireName() {
    return wireName;
  }

  public int format() {
    return format;
  }
}
