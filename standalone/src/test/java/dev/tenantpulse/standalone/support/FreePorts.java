package dev.tenantpulse.standalone.support;

import java.util.List;
import java.util.stream.Stream;

/** The command-line options that put every listener of a test runtime on a free port. */
public final class FreePorts {

  public static final List<String> ARGUMENTS =
      List.of(
          "--port", "0",
          "--alerting-port", "0",
          "--console-port", "0",
          "--clickhouse-http-port", "0",
          "--flink-ui-port", "0",
          "--kafka-port", "0");

  private FreePorts() {}

  /** Every listener on a free port, then {@code more}. */
  public static List<String> with(String... more) {
    return Stream.concat(ARGUMENTS.stream(), Stream.of(more)).toList();
  }
}
