package dev.tenantpulse.collector.ingest.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Valid or invalid bodies sent wrongly: broken gzip, other encodings, content types, keys. */
final class BadTransport {

  private final BadRequests g;

  BadTransport(BadRequests generator) {
    this.g = generator;
  }

  /** Noise, a gzip header on noise, truncated gzip, plain JSON, gzipped non-JSON, a gzip bomb. */
  FuzzCase badGzip(Api api) {
    byte[] noise = new byte[1 + g.random.nextInt(200)];
    g.random.nextBytes(noise);
    byte[] zipped = Bytes.gzip(g.validBody(api));
    byte[] bomb = Bytes.concat(" ".repeat(2 * 1024 * 1024).getBytes(), g.validBody(api));
    byte[] body =
        g.pick(
            List.of(
                noise,
                Bytes.concat(new byte[] {0x1f, (byte) 0x8b}, noise),
                Arrays.copyOf(zipped, 1 + g.random.nextInt(zipped.length - 1)),
                g.validBody(api),
                Bytes.gzip(Bytes.utf8("hello")),
                Bytes.gzip(bomb),
                new byte[0]));
    return g.request(
        api, "gzip declared, " + body.length + " bytes", body, "Content-Encoding", "gzip");
  }

  FuzzCase badEncoding(Api api) {
    String encoding = g.pick(List.of("br", "deflate", "gzip, br", "compress", "x-zip"));
    return g.request(
        api, "Content-Encoding " + encoding, g.validBody(api), "Content-Encoding", encoding);
  }

  /** Anything but JSON; the Segment API also takes text/plain (browsers' sendBeacon sends it). */
  FuzzCase wrongContentType(Api api) {
    List<String> types =
        new ArrayList<>(
            List.of(
                "text/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "image/png",
                "application/octet-stream",
                "nonsense",
                "none"));
    if (api == Api.NATIVE) {
      types.add("text/plain");
    }
    String type = g.pick(types);
    return g.request(
        api,
        "Content-Type " + type,
        g.validBody(api),
        "Content-Type",
        type.equals("none") ? null : type);
  }

  FuzzCase badCredentials(Api api) {
    String auth =
        g.pick(
            Arrays.asList(
                null,
                "Bearer",
                "Basic",
                "Basic !!!not-base64",
                "Bearer unknown-key",
                api.authorization("unknown-key"),
                "Digest x"));
    return g.request(api, "Authorization " + auth, g.validBody(api), "Authorization", auth);
  }
}
