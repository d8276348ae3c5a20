package dev.tenantpulse.collector.ingest.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The two ingestion endpoints, with how each wraps its items and takes its key. */
enum Api {
  NATIVE("/v1/events", "events"),
  SEGMENT("/v1/batch", "batch");

  final String path;
  final String array;

  Api(String path, String array) {
    this.path = path;
    this.array = array;
  }

  String authorization(String key) {
    return this == NATIVE
        ? "Bearer " + key
        : "Basic "
            + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  String valid(String id) {
    return this == NATIVE ? BadEvents.validNative(id) : BadEvents.validSegment(id);
  }

  List<BadEvents.Bad> bad(BadEvents events) {
    return this == NATIVE ? events.nativeEvents() : events.segmentMessages();
  }

  String body(List<String> items) {
    return "{\"" + array + "\":[" + String.join(",", items) + "]}";
  }
}
