package dev.tenantpulse.standalone.console;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;

/**
 * A request body read with a cap: a declared length over the cap is refused before anything is
 * read, and an undeclared (chunked) one is read only up to one byte past it. The console shares one
 * heap with Flink and Kafka, so no request may make it buffer more than the cap.
 */
public final class BoundedBody {

  private BoundedBody() {}

  public static byte[] read(InputStream in, long declaredLength, int maxBytes) {
    if (declaredLength > maxBytes) {
      throw tooLarge(declaredLength, maxBytes);
    }
    try {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw tooLarge(-1, maxBytes);
      }
      return bytes;
    } catch (IOException e) {
      throw ConsoleException.badRequest(
          "unreadable_body", "the request body could not be read: " + e.getMessage());
    }
  }

  private static ConsoleException tooLarge(long declared, int maxBytes) {
    return new ConsoleException(
        HttpStatus.CONTENT_TOO_LARGE,
        "body_too_large",
        "the request body "
            + (declared > 0 ? "is " + declared + " bytes; " : "is larger than the limit; ")
            + "at most "
            + maxBytes
            + " bytes are read");
  }
}
