package dev.tenantpulse.tenancy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hand-written fast paths of the hot ingestion path answer exactly what the general code they
 * shortcut answers: the codec's streaming encode, the id pattern, the common timestamp form and the
 * one-write canonical properties. Seeded random inputs around each format's edges.
 */
class FastPathEquivalenceTests {

  private static final int N = 20_000;
  private final Random random = new Random(20261127L);

  @Test
  void streamingEncodeWritesTheBytesOfTheTree() {
    EventCodec codec = new EventCodec();
    RandomEvents events = new RandomEvents(7L, PlanCatalog.defaultCatalog());
    for (int i = 0; i < 2_000; i++) {
      TenantEvent event = events.next();
      assertThat(codec.encode(event))
          .as("encode(%s)", event)
          .isEqualTo(EventCodec.jsonMapper().writeValueAsBytes(codec.toJson(event)));
    }
  }

  @Test
  void streamingEncodeWritesWhatTheTreeWritesForAnyPropertiesText() {
    EventCodec codec = new EventCodec();
    TenantEvent base = new RandomEvents(11L, PlanCatalog.defaultCatalog()).next();
    List<String> texts =
        List.of(
            "{}",
            "{\"a\":1.10,\"b\":100.0,\"c\":1e400,\"d\":-0.0,\"e\":1E+2,\"f\":0.0000001}",
            "{\"g\":12345678901234567890,\"h\":-0,\"i\":[1,2.50,{\"j\":null}],\"k\":true}",
            "{\"s\":\"x\\u0001\\u00e9\\ud83d\\ude00/\\\"\"}",
            " { \"spaced\" : [ 1 , 2 ] } ",
            "{\"dup\":1,\"other\":2,\"dup\":3}",
            "{\"a\":1}{\"b\":2}",
            "[1,2]",
            "5",
            "",
            "{\"unclosed\":",
            "{\"nan\":NaN}");
    for (String text : texts) {
      TenantEvent event =
          new TenantEvent(
              base.id(),
              base.type(),
              base.tenantId(),
              base.timestamp(),
              base.userId(),
              base.feature(),
              base.step(),
              base.meter(),
              base.quantity(),
              base.plan(),
              base.billingModel(),
              base.tenancyModel(),
              base.seats(),
              text,
              base.stripeCustomerId());
      byte[] tree;
      try {
        tree = EventCodec.jsonMapper().writeValueAsBytes(codec.toJson(event));
      } catch (RuntimeException e) {
        assertThatThrownBy(() -> codec.encode(event)).as("%s", text).isInstanceOf(e.getClass());
        continue;
      }
      assertThat(new String(codec.encode(event), StandardCharsets.UTF_8))
          .as("%s", text)
          .isEqualTo(new String(tree, StandardCharsets.UTF_8));
    }
  }

  @Test
  void idPatternMatchesLikeItsRegex() {
    String alphabet = "aZ09_.:-/ @éü日\t😀" + "\u0000";
    for (int i = 0; i < N; i++) {
      int length = random.nextInt(70);
      StringBuilder id = new StringBuilder();
      while (id.length() < length) {
        id.append(
            random.nextInt(4) == 0
                ? alphabet.charAt(random.nextInt(alphabet.length()))
                : "abcXYZ0189-_.:".charAt(random.nextInt(14)));
      }
      String value = id.toString();
      assertThat(IdPattern.matches(value))
          .as("matches(\"%s\")", value)
          .isEqualTo(IdPattern.pattern().matcher(value).matches());
    }
    assertThat(IdPattern.matches(null)).isFalse();
  }

  @Test
  void commonTimestampFormReadsTheInstantTheFormatterReads() {
    List<String> seeds =
        List.of(
            "2026-11-27T10:15:30Z",
            "2026-11-27T10:15:30.123Z",
            "2026-11-27T10:15:30.123456789+02:00",
            "2024-02-29T23:59:59-18:00",
            "2023-02-29T00:00:00Z",
            "0000-01-01T00:00:00+18:00",
            "9999-12-31T23:59:59.9-00:00",
            "2026-11-27T24:00:00Z",
            "2026-11-27T10:15:60Z",
            "2026-13-01T00:00:00Z",
            "2026-11-27T10:15:30.Z",
            "2026-11-27T10:15:30.1234567890Z",
            "2026-11-27T10:15:30+19:00",
            "2026-11-27T10:15:30+02:60",
            "2026-11-27t10:15:30z",
            "2026-11-27T10:15Z",
            "2026-11-27T10:15:30+0200",
            // the time bounds' edges and beyond (the rule compares whatever instant is read)
            "1999-12-31T23:59:59.999Z",
            "2000-01-01T00:00:00Z",
            "1899-12-31T23:59:59.999999999Z",
            "1969-12-31T23:59:59Z",
            "2262-04-11T23:47:16.854775808Z",
            "2299-12-31T23:59:59.999+18:00",
            "2016-12-31T23:59:60Z",
            "2026-11-27T10:15:30-18:01",
            "+10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00-18:00");
    String mutations = "0123456789-:T.Z+z ";
    for (int i = 0; i < N; i++) {
      StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      for (int m = random.nextInt(3); m > 0 && !text.isEmpty(); m--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, mutations.charAt(random.nextInt(mutations.length())));
          case 1 -> text.deleteCharAt(at);
          default -> text.insert(at, mutations.charAt(random.nextInt(mutations.length())));
        }
      }
      String value = text.toString();
      Instant fast = TimestampRule.parseCommonForm(value);
      Instant general;
      try {
        general = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        general = null;
      }
      Instant codecGeneral; // what the event codec's decoder falls back to
      try {
        codecGeneral = Instant.parse(value);
      } catch (DateTimeParseException e) {
        codecGeneral = null;
      }
      if (fast != null) {
        assertThat(fast).as("\"%s\"", value).isEqualTo(general).isEqualTo(codecGeneral);
      }
    }
    // The fast path takes the common forms, not only their absence.
    assertThat(TimestampRule.parseCommonForm("2026-11-27T10:15:30.123Z"))
        .isEqualTo(Instant.parse("2026-11-27T10:15:30.123Z"));
    assertThat(TimestampRule.parseCommonForm("2026-11-27T12:15:30+02:00"))
        .isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
  }

  @Test
  void canonicalPropertiesOfAParsedTreeAreItsOneWrite() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    for (int i = 0; i < 2_000; i++) {
      ObjectNode tree = nodes.objectNode();
      for (int f = random.nextInt(6); f >= 0; f--) {
        String name = "k" + random.nextInt(50);
        switch (random.nextInt(8)) {
          case 0 -> tree.put(name, random.nextInt());
          case 1 -> tree.put(name, random.nextLong());
          case 2 ->
              tree.put(
                  name,
                  new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(12) - 4));
          case 3 -> tree.put(name, random.nextDouble() * Math.pow(10, random.nextInt(30) - 10));
          case 4 -> tree.put(name, "é\"\\\u0001😀" + random.nextInt());
          case 5 -> tree.putArray(name).add(1.5f).add(true).addNull();
          case 6 -> tree.putObject(name).put("n", new BigDecimal("100.0")).put("s", "x");
          default -> tree.put(name, random.nextBoolean());
        }
      }
      String threePasses =
          EventJson.canonicalObject(EventCodec.jsonMapper().writeValueAsString(tree));
      assertThat(EventJson.canonicalObject(tree)).as("%s", tree).isEqualTo(threePasses);
      // and what the collector hands over: a tree the codec's mapper parsed
      JsonNode parsed =
          EventCodec.jsonMapper().readTree(EventCodec.jsonMapper().writeValueAsString(tree));
      assertThat(EventJson.canonicalObject(parsed)).isEqualTo(threePasses);
    }
  }

  @Test
  void theInstantTextIsIsoInstantsOnGeneratedInstants() {
    Random random = new Random(20261206L);
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("2026-12-06T23:59:59.100Z"),
                Instant.parse("2026-12-06T00:00:00.000100Z"),
                Instant.parse("1969-12-31T23:59:59.000000001Z"),
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z")));
    for (int i = 0; i < N; i++) {
      long seconds = random.nextLong(-62_200_000_000L, 253_500_000_000L);
      int nanos =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      instants.add(Instant.ofEpochSecond(seconds, nanos));
    }
    for (Instant instant : instants) {
      assertThat(IsoInstants.format(instant))
          .as("%s", instant)
          .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
    }
  }
}
