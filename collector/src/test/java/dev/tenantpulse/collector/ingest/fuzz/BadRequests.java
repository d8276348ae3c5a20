package dev.tenantpulse.collector.ingest.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A seeded generator of bad requests for both ingestion endpoints: every kind of bad item in a
 * batch ({@link BadEvents}), malformed bodies ({@link MalformedBodies}) and bad transport ({@link
 * BadTransport}). The same seed gives the same requests.
 */
final class BadRequests {

  final Random random;
  private final BadEvents badEvents;
  private final String key;
  private final String idPrefix;
  private int ids;

  BadRequests(long seed, String key) {
    this.random = new Random(seed);
    this.badEvents = new BadEvents(random);
    this.key = key;
    this.idPrefix = "fuzz-" + seed + "-";
  }

  /** Every bad item kind once, then {@code rounds} of every body kind plus mixed batches. */
  List<FuzzCase> generate(int rounds) {
    MalformedBodies bodies = new MalformedBodies(this);
    BadTransport transport = new BadTransport(this);
    List<Function<Api, FuzzCase>> kinds =
        List.of(
            bodies::truncated,
            bodies::trailing,
            bodies::wrongTopLevel,
            bodies::wrongBatch,
            bodies::deep,
            bodies::invalidUtf8,
            bodies::controlByte,
            bodies::duplicateKeys,
            bodies::longNumber,
            bodies::hugeString,
            bodies::emptyish,
            transport::badGzip,
            transport::badEncoding,
            transport::wrongContentType,
            transport::badCredentials);
    List<FuzzCase> cases = new ArrayList<>();
    for (Api api : Api.values()) {
      for (BadEvents.Bad bad : api.bad(badEvents)) {
        cases.add(mixed(api, List.of(bad)));
      }
      for (int r = 0; r < rounds; r++) {
        kinds.forEach(kind -> cases.add(kind.apply(api)));
        List<BadEvents.Bad> all = api.bad(badEvents);
        cases.add(mixed(api, List.of(pick(all), pick(all), pick(all))));
      }
      cases.add(request(api, "501 items", Bytes.utf8(api.body(valids(api, 501)))));
    }
    return cases;
  }

  String idPrefix() {
    return idPrefix;
  }

  String nextId() {
    return idPrefix + ids++;
  }

  List<String> valids(Api api, int n) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(api.valid(nextId()));
    }
    return items;
  }

  /** A valid batch of 1–3 items. */
  byte[] validBody(Api api) {
    return Bytes.utf8(api.body(valids(api, 1 + random.nextInt(3))));
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /**
   * A request that must get a 4xx: JSON, with the API key, unless {@code headers} (name, value
   * pairs; a null value removes the header) say otherwise.
   */
  FuzzCase request(Api api, String name, byte[] body, String... headers) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.put("Authorization", api.authorization(key));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i + 1] == null) {
        h.remove(headers[i]);
      } else {
        h.put(headers[i], headers[i + 1]);
      }
    }
    return new FuzzCase(name, api, body, h, null, 0);
  }

  /** A well-formed batch of one item whose only fault is item 0: a 4xx or a 200 rejecting it. */
  FuzzCase singleBadItem(Api api, String name, String item) {
    FuzzCase c = request(api, name, Bytes.utf8(api.body(List.of(item))));
    return new FuzzCase(name, api, c.body(), c.headers(), java.util.Set.of(0), 1);
  }

  /** Bad items among 0–3 valid ones, at seeded positions. */
  private FuzzCase mixed(Api api, List<BadEvents.Bad> bad) {
    List<String> items = valids(api, random.nextInt(4));
    List<Integer> positions = new ArrayList<>();
    for (BadEvents.Bad b : bad) {
      int at = random.nextInt(items.size() + 1);
      items.add(at, BadEvents.fill(b.template(), nextId()));
      positions.replaceAll(p -> p >= at ? p + 1 : p);
      positions.add(at);
    }
    String name = "items: " + bad.stream().map(BadEvents.Bad::name).toList();
    byte[] body = api.body(items).getBytes(StandardCharsets.UTF_8);
    FuzzCase plain = request(api, name, body);
    return new FuzzCase(name, api, body, plain.headers(), new HashSet<>(positions), items.size());
  }
}
