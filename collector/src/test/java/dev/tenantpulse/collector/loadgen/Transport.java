package dev.tenantpulse.collector.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection to the collector, used by one worker at a time: posts a body
 * to {@code /v1/events} and waits for the answer.
 */
interface Transport extends AutoCloseable {

  byte[] ACCEPTED = "\"accepted\":".getBytes(StandardCharsets.US_ASCII);

  /** The answer's status and its {@code accepted} count (0 when absent). */
  record Answer(int status, int accepted) {}

  Answer post(byte[] body, int length) throws IOException;

  @Override
  void close();

  /** How workers talk HTTP. */
  enum Kind {
    /** Blocking sockets and a minimal HTTP/1.1 client: the least CPU per request. */
    RAW,
    /** {@code java.net.http.HttpClient}: the JDK's client. */
    JDK
  }

  /** Finds {@code "accepted":<n>} in an answer body; 0 when absent. */
  static int acceptedCount(byte[] body, int length) {
    outer:
    for (int i = 0; i + ACCEPTED.length <= length; i++) {
      for (int k = 0; k < ACCEPTED.length; k++) {
        if (body[i + k] != ACCEPTED[k]) {
          continue outer;
        }
      }
      int n = 0;
      for (int j = i + ACCEPTED.length; j < length && body[j] >= '0' && body[j] <= '9'; j++) {
        n = n * 10 + (body[j] - '0');
      }
      return n;
    }
    return 0;
  }
}
