package dev.tenantpulse.tenancy.events;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid events drawn from a seeded {@link Random}: the same seed gives the same events, so a
 * failure reproduces. Values reach for the edges: unicode and surrogate pairs in ids, 128-character
 * ids, 64-character names, sub-normal and huge quantities, nanosecond timestamps up to the future
 * limit, and nested properties with exact decimals.
 */
final class RandomEvents {

  static final Instant RECEIVED_AT = Instant.parse("2026-11-27T10:00:00Z");

  private static final String NAME_FIRST =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String NAME_REST = NAME_FIRST + "_.:-";
  private static final int[] ID_CODE_POINTS = "aZ09-_ .:/\"\\éü日本\t😀🚀".codePoints().toArray();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Random random;
  private final PlanCatalog catalog;

  RandomEvents(long seed, PlanCatalog catalog) {
    this.random = new Random(seed);
    this.catalog = catalog;
  }

  Random random() {
    return random;
  }

  TenantEvent next() {
    EventType type = pick(List.of(EventType.values()));
    TenantEvent.Builder event = TenantEvent.builder(type, id(), name(), timestamp());
    if (random.nextBoolean()) {
      event.userId(id());
    }
    switch (type) {
      case FEATURE_USED ->
          event.feature(random.nextBoolean() ? pick(catalog.featureIds()) : name());
      case ONBOARDING_STEP -> event.step(pick(catalog.onboardingSteps()));
      case USAGE -> event.meter(name()).quantity(quantity());
      case TENANT_SIGNED_UP, PLAN_CHANGED -> lifecycle(event);
      default -> {}
    }
    if (random.nextInt(3) == 0) {
      event.properties(properties(0).toString());
    }
    return event.build();
  }

  private void lifecycle(TenantEvent.Builder event) {
    event.plan(pick(catalog.planIds()));
    if (random.nextBoolean()) {
      event.billingModel(pick(List.of(BillingModel.values())));
    }
    if (random.nextBoolean()) {
      event.tenancyModel(pick(List.of(TenancyModel.values())));
    }
    if (random.nextBoolean()) {
      event.seats(random.nextInt(4) == 0 ? Integer.MAX_VALUE : random.nextInt(10_000));
    }
  }

  /** 1 to 128 code points, never blank. */
  private String id() {
    int length = random.nextInt(8) == 0 ? 128 : 1 + random.nextInt(40);
    StringBuilder id = new StringBuilder().appendCodePoint('a' + random.nextInt(26));
    for (int i = 1; i < length; i++) {
      id.appendCodePoint(ID_CODE_POINTS[random.nextInt(ID_CODE_POINTS.length)]);
    }
    return id.toString();
  }

  /** A name of the event id pattern, 1 to 64 characters. */
  String name() {
    int length = random.nextInt(8) == 0 ? 64 : 1 + random.nextInt(20);
    StringBuilder name =
        new StringBuilder().append(NAME_FIRST.charAt(random.nextInt(NAME_FIRST.length())));
    for (int i = 1; i < length; i++) {
      name.append(NAME_REST.charAt(random.nextInt(NAME_REST.length())));
    }
    return name.toString();
  }

  /** Up to 30 days back, up to the 5-minute future limit, with nanoseconds. */
  private Instant timestamp() {
    Instant latest = RECEIVED_AT.plus(EventLimits.MAX_FUTURE_SKEW);
    if (random.nextInt(20) == 0) {
      return latest;
    }
    long nanosBack = (long) (random.nextDouble() * 30 * 86_400) * 1_000_000_000L;
    return latest.minusNanos(nanosBack + random.nextInt(1_000_000_000));
  }

  private double quantity() {
    return switch (random.nextInt(6)) {
      case 0 -> random.nextInt(1_000);
      case 1 -> random.nextDouble() * 1e6;
      case 2 -> Double.MIN_VALUE * random.nextInt(1_000);
      case 3 -> Double.MAX_VALUE * random.nextDouble();
      case 4 -> 0.0;
      default -> anyFiniteNonNegative();
    };
  }

  private double anyFiniteNonNegative() {
    double value;
    do {
      value = Math.abs(Double.longBitsToDouble(random.nextLong()));
    } while (!Double.isFinite(value));
    return value;
  }

  private ObjectNode properties(int depth) {
    ObjectNode object = NODES.objectNode();
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      String key = random.nextBoolean() ? name() : id();
      switch (random.nextInt(depth < 2 ? 9 : 7)) {
        case 0 -> object.put(key, id());
        case 1 -> object.put(key, random.nextLong());
        case 2 ->
            object.put(
                key, new BigDecimal(BigInteger.valueOf(random.nextInt()), random.nextInt(12) - 4));
        case 3 -> object.put(key, random.nextDouble() * 1e9);
        case 4 -> object.put(key, random.nextBoolean());
        case 5 -> object.putNull(key);
        case 6 -> object.put(key, new BigInteger(100, random));
        case 7 -> object.set(key, properties(depth + 1));
        default -> object.putArray(key).add(id()).add(random.nextInt()).add(properties(depth + 1));
      }
    }
    return object;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
