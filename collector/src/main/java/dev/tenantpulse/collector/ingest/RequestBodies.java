package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.EventLimits;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body within the size limit, un-gzipping it when the client says so (SDKs do). The
 * limit applies to the decompressed bytes too, so a small gzip bomb is refused, not inflated.
 */
final class RequestBodies {

  private RequestBodies() {}

  static byte[] read(HttpServletRequest request) {
    long declared = request.getContentLengthLong();
    int limit = EventLimits.MAX_REQUEST_BYTES;
    if (declared > limit) {
      throw tooLarge();
    }
    String encoding = request.getHeader("Content-Encoding");
    try {
      InputStream in = request.getInputStream();
      if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
        if (!encoding.equalsIgnoreCase("gzip")) {
          throw ApiException.badRequest(
              "unsupported_encoding", "Content-Encoding must be gzip or identity, got " + encoding);
        }
        in = new GZIPInputStream(in);
      }
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge();
      }
      return body;
    } catch (ZipException e) {
      throw ApiException.badRequest("malformed_gzip", "the body is not valid gzip");
    } catch (IOException e) {
      throw ApiException.badRequest("unreadable_body", "the request body could not be read");
    }
  }

  private static ApiException tooLarge() {
    return ApiException.tooLarge(
        "a request body may hold at most " + EventLimits.MAX_REQUEST_BYTES + " bytes (1 MiB)");
  }
}
