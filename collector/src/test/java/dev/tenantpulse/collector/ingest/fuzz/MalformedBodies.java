package dev.tenantpulse.collector.ingest.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Bodies that are not a batch of the API: truncated or trailing data, wrong types, deep nesting,
 * invalid UTF-8, raw control bytes, duplicate keys, over-long numbers, huge strings, emptiness.
 */
final class MalformedBodies {

  private static final int MIB = 1024 * 1024;

  /** Broken, overlong, surrogate, beyond U+10FFFF and truncated sequences. */
  private static final byte[][] INVALID_UTF8 = {
    {(byte) 0xC3, 0x28},
    {(byte) 0xFF},
    {(byte) 0x80},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xC0, (byte) 0xAF},
    {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    {(byte) 0xE2, (byte) 0x82}
  };

  private final BadRequests g;

  MalformedBodies(BadRequests generator) {
    this.g = generator;
  }

  FuzzCase truncated(Api api) {
    byte[] body = g.validBody(api);
    int cut = 1 + g.random.nextInt(body.length - 1);
    return g.request(api, "truncated at " + cut, Arrays.copyOf(body, cut));
  }

  FuzzCase trailing(Api api) {
    String garbage =
        g.pick(
            List.of(
                "x", "}", "]", "{}", ",", "nul", "[]", "\"s\"", "1", " " + api.body(List.of())));
    return g.request(
        api, "trailing " + garbage, Bytes.concat(g.validBody(api), Bytes.utf8(garbage)));
  }

  FuzzCase wrongTopLevel(Api api) {
    String valid = new String(g.validBody(api), StandardCharsets.UTF_8);
    String body =
        g.pick(List.of("[]", "[" + valid + "]", "42", "\"text\"", "true", "null", "-0.5e3"));
    return g.request(api, "top level " + cut(body), Bytes.utf8(body));
  }

  FuzzCase wrongBatch(Api api) {
    String other = api == Api.NATIVE ? "batch" : "events";
    String body =
        g.pick(
                List.of(
                    "{}",
                    "{\"A\":{}}",
                    "{\"A\":\"x\"}",
                    "{\"A\":null}",
                    "{\"A\":5}",
                    "{\"B\":[I]}"))
            .replace("A", api.array)
            .replace("B", other)
            .replace("I", api.valid(g.nextId()));
    return g.request(api, "batch field " + cut(body), Bytes.utf8(body));
  }

  /** 501 to 10,000 levels, as the whole body or inside an item's properties. */
  FuzzCase deep(Api api) {
    int depth = 501 + g.random.nextInt(9_500);
    String inner =
        g.random.nextBoolean()
            ? "[".repeat(depth) + "]".repeat(depth)
            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    String body =
        g.random.nextBoolean()
            ? inner
            : api.body(List.of(withProperties(api.valid(g.nextId()), "{\"deep\":" + inner + "}")));
    return g.request(api, "nesting " + depth, Bytes.utf8(body));
  }

  FuzzCase invalidUtf8(Api api) {
    byte[] body = g.validBody(api);
    int at = Bytes.indexOf(body, g.idPrefix()) + g.idPrefix().length(); // inside the first id
    byte[] bad = INVALID_UTF8[g.random.nextInt(INVALID_UTF8.length)];
    return g.request(
        api, "invalid UTF-8 " + HexFormat.of().formatHex(bad), Bytes.splice(body, at, bad));
  }

  /** NUL and other control bytes, raw, anywhere: inside strings JSON wants them escaped. */
  FuzzCase controlByte(Api api) {
    byte[] body = g.validBody(api);
    byte control = g.pick(List.of((byte) 0, (byte) 1, (byte) 7, (byte) 0x1B, (byte) 0x1F));
    int at = 1 + g.random.nextInt(body.length - 1);
    return g.request(
        api, "raw byte " + control + " at " + at, Bytes.splice(body, at, new byte[] {control}));
  }

  FuzzCase duplicateKeys(Api api) {
    String item = api.valid(g.nextId());
    String duplicate = api == Api.NATIVE ? "\"tenant_id\":\"globex\"," : "\"messageId\":\"other\",";
    String body =
        g.random.nextBoolean()
            ? api.body(List.of(item)).replaceFirst("\\}$", ",\"" + api.array + "\":[]}")
            : api.body(List.of(item.replaceFirst("\\{", "{" + duplicate)));
    return g.request(api, "duplicate keys", Bytes.utf8(body));
  }

  /** Numbers with more digits than the parser allows, or beyond double, as a quantity. */
  FuzzCase longNumber(Api api) {
    String number =
        "-" + "9".repeat(1 + g.random.nextInt(5_000)) + g.pick(List.of("", "e400", ".5"));
    String item =
        api == Api.NATIVE
            ? "{\"id\":\"{ID}\",\"type\":\"usage\",\"tenant_id\":\"{T}\",\"timestamp\":\"{TS}\","
                + "\"meter\":\"m\",\"quantity\":"
                + number
                + "}"
            : "{\"type\":\"track\",\"messageId\":\"{ID}\",\"event\":\"Usage Recorded\","
                + "\"context\":{\"groupId\":\"{T}\"},\"properties\":{\"meter\":\"m\",\"quantity\":"
                + number
                + "}}";
    return g.singleBadItem(
        api, "number of " + number.length() + " chars", BadEvents.fill(item, g.nextId()));
  }

  /** A string just under (the item is over 32 KiB) or just over the 1 MiB body limit. */
  FuzzCase hugeString(Api api) {
    int size = MIB - 400 + g.random.nextInt(800);
    String item = withProperties(api.valid(g.nextId()), "{\"blob\":\"" + "y".repeat(size) + "\"}");
    return g.singleBadItem(api, "string of " + size + " chars", item);
  }

  FuzzCase emptyish(Api api) {
    String body = g.pick(List.of("", " \n\t ", api.body(List.of())));
    return g.request(api, "body '" + body.strip() + "'", Bytes.utf8(body));
  }

  private static String withProperties(String item, String properties) {
    return item.replaceFirst("\\}$", ",\"properties\":" + properties + "}");
  }

  private static String cut(String text) {
    return text.substring(0, Math.min(30, text.length()));
  }
}
