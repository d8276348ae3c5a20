package dev.tenantpulse.collector.ingest.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

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

  /**
   * Anything but JSON declared for a JSON body. The native API refuses it; the Segment API reads
   * any declared type as JSON, as Segment's own servers do (SDKs declare text/plain, form types),
   * so there it must accept every item.
   */
  FuzzCase wrongContentType(Api api) {
    List<String> types =
        new ArrayList<>(
            List.of(
                "text/plain",
                "text/plain;charset=UTF-8",
                "text/xml",
                "application/x-www-form-urlencoded",
                "application/x-www-form-urlencoded; charset=UTF-8",
                "multipart/form-data; boundary=x",
                "multipart/form-data",
                "image/png",
                "application/octet-stream",
                "application/json; charset=utf-16",
                "nonsense",
                "*/*",
                "none",
                randomType()));
    String type = g.pick(types);
    String name = "Content-Type " + type;
    String declared = type.equals("none") ? null : type;
    if (api == Api.NATIVE) {
      return g.request(api, name, g.validBody(api), "Content-Type", declared);
    }
    int items = 1 + g.random.nextInt(3);
    byte[] body = Bytes.utf8(api.body(g.valids(api, items)));
    FuzzCase c = g.request(api, name, body, "Content-Type", declared);
    return new FuzzCase(name, api, body, c.headers(), Set.of(), items);
  }

  /** A type/subtype of random printable characters, parameters and all. */
  private String randomType() {
    String alphabet = "abcxyz/;=+-.*\"' ,%";
    StringBuilder type = new StringBuilder();
    for (int i = 1 + g.random.nextInt(40); i > 0; i--) {
      type.append(alphabet.charAt(g.random.nextInt(alphabet.length())));
    }
    return type.toString().strip().isEmpty() ? "x" : type.toString().strip();
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
                "Digest x",
                "Bearer " + "k".repeat(300),
                "Basic " + java.util.Base64.getEncoder().encodeToString(":".getBytes()),
                "Basic " + java.util.Base64.getEncoder().encodeToString("\u0000:".getBytes())));
    return g.request(api, "Authorization " + auth, g.validBody(api), "Authorization", auth);
  }
}
