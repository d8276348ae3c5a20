package dev.tenantpulse.standalone.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A query's answer.
 *
 * @param rows cells are JSON values: numbers stay numbers, arrays and maps stay JSON, NULL is null
 * @param truncated the result had more rows than {@code max_rows}; only the first ones are here
 */
public record SqlResult(
    List<Column> columns,
    List<List<Object>> rows,
    @JsonProperty("row_count") int rowCount,
    boolean truncated,
    @JsonProperty("elapsed_ms") long elapsedMs) {

  public record Column(String name, String type) {}
}
