package dev.tenantpulse.standalone.clickhouse;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * HTTP compression as ClickHouse offers it: a response is compressed only when the client sent
 * {@code enable_http_compression=1} and named an encoding it accepts (clients fail on an encoding
 * they did not ask for, even {@code identity}); a request body may come gzip-, deflate- or
 * zstd-encoded.
 */
enum ContentEncoding {
  GZIP("gzip"),
  DEFLATE("deflate"),
  ZSTD("zstd");

  private final String token;

  ContentEncoding(String token) {
    this.token = token;
  }

  String token() {
    return token;
  }

  /** The first encoding of {@code acceptEncoding} this interface writes, in the client's order. */
  static Optional<ContentEncoding> forResponse(String acceptEncoding) {
    if (acceptEncoding == null) {
      return Optional.empty();
    }
    for (String part : acceptEncoding.split(",")) {
      String name = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      for (ContentEncoding encoding : values()) {
        if (encoding.token.equals(name)) {
          return Optional.of(encoding);
        }
      }
    }
    return Optional.empty();
  }

  /** The encoding of a request body; empty for none or identity. */
  static Optional<ContentEncoding> forRequest(String contentEncoding) throws ClickHouseError {
    if (contentEncoding == null
        || contentEncoding.isBlank()
        || contentEncoding.strip().equalsIgnoreCase("identity")) {
      return Optional.empty();
    }
    String name = contentEncoding.strip().toLowerCase(Locale.ROOT);
    for (ContentEncoding encoding : values()) {
      if (encoding.token.equals(name)) {
        return Optional.of(encoding);
      }
    }
    throw ClickHouseError.of(
        ClickHouseError.UNSUPPORTED_ENCODING,
        "Unknown HTTP content encoding "
            + Printable.of(contentEncoding)
            + " (gzip, deflate, zstd)");
  }

  OutputStream encode(OutputStream out, int level) throws IOException {
    return switch (this) {
      case GZIP ->
          new GZIPOutputStream(out, 64 * 1024) {
            {
              def.setLevel(level);
            }
          };
      case DEFLATE -> new DeflaterOutputStream(out, new Deflater(level), 64 * 1024);
      case ZSTD -> new ZstdOutputStream(out, Math.max(1, Math.min(level, 19)));
    };
  }

  InputStream decode(InputStream in) throws IOException {
    return switch (this) {
      case GZIP -> new GZIPInputStream(in);
      case DEFLATE -> new InflaterInputStream(in);
      case ZSTD -> new ZstdInputStream(in);
    };
  }
}
