package dev.tenantpulse.scenario.generate;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the events of one tenant: ids unique within the tenant (and, as they start with the tenant
 * id, across tenants), a small pool of users, and occasional properties.
 */
final class TenantEvents {

  /** Canonical compact JSON (the form the builder stores), so no event needs parsing. */
  private static final String[] PATHS = {
    canonical("{\"path\":\"/dashboard\"}"),
    canonical("{\"path\":\"/reports\",\"filters\":2}"),
    canonical("{\"path\":\"/settings\",\"section\":\"billing\"}"),
  };

  private final String tenantId;
  private final SplittableRandom random;
  private final String[] users;
  private final List<TenantEvent> events = new ArrayList<>();
  private int sequence;

  TenantEvents(String tenantId, SplittableRandom random, int userCount) {
    this.tenantId = tenantId;
    this.random = random;
    this.users = new String[Math.max(1, userCount)];
    for (int i = 0; i < users.length; i++) {
      users[i] = "u" + i;
    }
  }

  private static String canonical(String json) {
    return TenantEvent.builder(EventType.ACTIVITY, "x", "x", Instant.EPOCH)
        .properties(json)
        .build()
        .properties();
  }

  String tenantId() {
    return tenantId;
  }

  List<TenantEvent> events() {
    return events;
  }

  private String nextId() {
    return tenantId + "-" + sequence++;
  }

  private String user() {
    return users[random.nextInt(users.length)];
  }

  void activity(long millis) {
    String properties = random.nextInt(10) == 0 ? PATHS[random.nextInt(PATHS.length)] : null;
    add(EventType.ACTIVITY, millis, user(), null, null, null, null, properties);
  }

  void featureUsed(long millis, String feature) {
    add(EventType.FEATURE_USED, millis, user(), feature, null, null, null, null);
  }

  void usage(long millis, String meter, double quantity) {
    add(EventType.USAGE, millis, null, null, null, meter, quantity, null);
  }

  void onboardingStep(long millis, String step) {
    add(EventType.ONBOARDING_STEP, millis, user(), null, step, null, null, null);
  }

  void lifecycle(
      EventType type,
      long millis,
      String plan,
      BillingModel billing,
      TenancyModel tenancy,
      Integer seats) {
    events.add(
        new TenantEvent(
            nextId(),
            type,
            tenantId,
            Instant.ofEpochMilli(millis),
            null,
            null,
            null,
            null,
            null,
            plan,
            billing,
            tenancy,
            seats,
            null,
            null));
  }

  private void add(
      EventType type,
      long millis,
      String user,
      String feature,
      String step,
      String meter,
      Double quantity,
      String properties) {
    events.add(
        new TenantEvent(
            nextId(),
            type,
            tenantId,
            Instant.ofEpochMilli(millis),
            user,
            feature,
            step,
            meter,
            quantity,
            null,
            null,
            null,
            null,
            properties,
            null));
  }
}
