package dev.tenantpulse.standalone.clickhouse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The interface's queries as a Micrometer timer, on the console's {@code /actuator/prometheus}:
 * {@code clickhouse_http_queries_seconds{outcome, code}}, outcome {@code ok}, {@code refused} (a
 * 4xx: the request's fault) or {@code failed} (a 5xx), code ClickHouse's error code (0 for a
 * result). Refusals by code tell an operator who is knocking with a wrong password (516) or trying
 * to write (164).
 */
final class QueryMetrics {

  private final MeterRegistry registry;

  QueryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(QueryResponse answer) {
    if (answer.code() < 0) {
      return;
    }
    String outcome = answer.code() == 0 ? "ok" : answer.status() < 500 ? "refused" : "failed";
    Timer.builder("clickhouse.http.queries")
        .description("Queries to the ClickHouse HTTP interface, by outcome and ClickHouse code")
        .tag("outcome", outcome)
        .tag("code", Integer.toString(answer.code()))
        .register(registry)
        .record(answer.elapsedNanos(), TimeUnit.NANOSECONDS);
  }
}
