package dev.tenantpulse.collector.ingest.fuzz;

import java.util.Map;
import java.util.Set;

/**
 * One generated request and the answers it may get: always a 4xx problem; and when {@code badItems}
 * is not null (the body is a well-formed batch), alternatively a 200 that rejects exactly those
 * items and accepts all others.
 *
 * @param headers Content-Type (absent when not in the map), Authorization, Content-Encoding
 * @param items how many events or messages the batch holds, when it is one
 */
record FuzzCase(
    String name,
    Api api,
    byte[] body,
    Map<String, String> headers,
    Set<Integer> badItems,
    int items) {

  @Override
  public String toString() {
    return api + " " + name + " (" + body.length + " bytes)";
  }
}
