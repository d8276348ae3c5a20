package dev.tenantpulse.collector.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.scenario.oracle.ExpectedEvent;
import dev.tenantpulse.scenario.oracle.ExpectedOnboardingTenant;
import dev.tenantpulse.scenario.oracle.ExpectedUsageDay;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The reads answer what the oracle says for the same tenant and range, over real HTTP on real chDB
 * holding the oracle's rows (stale copies included, so a read without FINAL would be caught).
 */
@CollectorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantReadsApiTests extends TenantReadsTestBase {

  private static final Instant FROM = TenantData.CONFIG.start().plus(3, ChronoUnit.DAYS);
  private static final Instant TO = TenantData.CONFIG.end().minus(5, ChronoUnit.DAYS);
  private static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();
  private String tenant;
  private String key;

  @BeforeAll
  void tenant() {
    tenant = TenantData.busyTenant();
    key = clientKey(tenant);
  }

  private JsonNode read(String path) {
    HttpResponse<String> r = get("/v1/tenants/" + tenant + path, "Bearer " + key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  private static boolean in(Instant t) {
    return !t.isBefore(FROM) && t.isBefore(TO);
  }

  private String range() {
    return "from=" + FROM + "&to=" + TO;
  }

  @Test
  void usagePerDayEqualsTheOraclesUsageDaysWithThePlansPrice() {
    JsonNode body = read("/usage?granularity=day&" + range());
    Map<String, Double> expected = new TreeMap<>();
    for (ExpectedUsageDay u : TenantData.expected().usageDays()) {
      Instant start = u.day().atStartOfDay(ZoneOffset.UTC).toInstant();
      if (u.tenantId().equals(tenant) && in(start)) {
        expected.merge(u.meter() + "@" + start, u.quantity(), Double::sum);
      }
    }
    assertThat(points(body)).isEqualTo(expected);
    String plan = TenantData.tenants(tenant).get(0).plan();
    assertThat(body.get("plan").asString()).isEqualTo(plan);
    for (JsonNode meter : body.get("meters")) {
      if (meter.get("meter").asString().equals("api_calls") && CATALOG.plan(plan).isPresent()) {
        assertThat(meter.get("unitPrice").decimalValue())
            .isEqualByComparingTo(
                CATALOG
                    .plan(plan)
                    .get()
                    .price(dev.tenantpulse.tenancy.catalog.BillingModel.USAGE)
                    .amount());
      }
    }
    assertThat(expected).isNotEmpty();
  }

  @Test
  void usagePerMonthIsTheSumOfTheOraclesDaysOfEachMonth() {
    JsonNode body = read("/usage?granularity=month&" + range());
    Map<String, Double> expected = new TreeMap<>();
    for (ExpectedUsageDay u : TenantData.expected().usageDays()) {
      Instant start = u.day().atStartOfDay(ZoneOffset.UTC).toInstant();
      if (u.tenantId().equals(tenant) && in(start)) {
        Instant month = u.day().withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        expected.merge(u.meter() + "@" + month, u.quantity(), Double::sum);
      }
    }
    Map<String, Double> actual = points(body);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((k, v) -> assertThat(actual.get(k)).isCloseTo(v, within(1e-6)));
  }

  @Test
  void usagePerHourSumsTheCountedUsageEventsOfEachHour() {
    JsonNode body = read("/usage?granularity=hour&" + range());
    Map<String, Double> expected = new TreeMap<>();
    for (ExpectedEvent e : TenantData.events(tenant)) {
      if (e.type().equals("usage") && !e.late() && in(e.eventTime())) {
        expected.merge(
            e.meter() + "@" + e.eventTime().truncatedTo(ChronoUnit.HOURS),
            e.quantity(),
            Double::sum);
      }
    }
    Map<String, Double> actual = points(body);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((k, v) -> assertThat(actual.get(k)).isCloseTo(v, within(1e-6)));
  }

  @Test
  void activityCountsTheDaysWithAnActivityEventAndTheDistinctUsers() {
    JsonNode body = read("/activity?" + range());
    Set<String> activity = Set.of("activity", "feature_used", "onboarding_step", "usage");
    List<ExpectedEvent> active =
        TenantData.events(tenant).stream()
            .filter(e -> activity.contains(e.type()) && in(e.eventTime()))
            .toList();
    Map<LocalDate, Long> perDay =
        active.stream()
            .collect(
                Collectors.groupingBy(
                    e -> LocalDate.ofInstant(e.eventTime(), ZoneOffset.UTC),
                    TreeMap::new,
                    Collectors.counting()));
    long users =
        active.stream().map(ExpectedEvent::userId).filter(u -> u != null).distinct().count();
    assertThat(body.get("activeDays").asInt()).isEqualTo(perDay.size());
    assertThat(body.get("users").asLong()).isEqualTo(users);
    Map<LocalDate, Long> actual = new TreeMap<>();
    body.get("days")
        .forEach(
            d -> actual.put(LocalDate.parse(d.get("day").asString()), d.get("events").asLong()));
    assertThat(actual).isEqualTo(perDay);
  }

  @Test
  void featuresListThePlansFeaturesAndEveryFeatureUsedWithItsUses() {
    JsonNode body = read("/features?" + range());
    Map<String, Long> uses =
        TenantData.events(tenant).stream()
            .filter(e -> e.type().equals("feature_used") && in(e.eventTime()))
            .collect(
                Collectors.groupingBy(ExpectedEvent::feature, TreeMap::new, Collectors.counting()));
    String plan = TenantData.tenants(tenant).get(0).plan();
    Set<String> planFeatures =
        new TreeSet<>(CATALOG.plan(plan).map(p -> p.features()).orElse(List.of()));
    Map<String, Long> actualUses = new TreeMap<>();
    Set<String> actualInPlan = new TreeSet<>();
    for (JsonNode f : body.get("features")) {
      if (f.get("uses").asLong() > 0) {
        actualUses.put(f.get("feature").asString(), f.get("uses").asLong());
      }
      if (f.get("inPlan").asBoolean()) {
        actualInPlan.add(f.get("feature").asString());
      }
    }
    assertThat(actualUses).isEqualTo(uses).isNotEmpty();
    assertThat(actualInPlan).isEqualTo(planFeatures);
  }

  @Test
  void onboardingShowsTheStepsDoneWithTheirTimesAndTheNextStep() {
    JsonNode body = read("/onboarding");
    ExpectedOnboardingTenant o = TenantData.onboarding(tenant).get(0);
    String next = null;
    for (String step : CATALOG.onboardingSteps()) {
      JsonNode actual = null;
      for (JsonNode s : body.get("steps")) {
        if (s.get("step").asString().equals(step)) {
          actual = s;
        }
      }
      assertThat(actual).as(step).isNotNull();
      Instant at = o.stepFirstAt().get(step);
      assertThat(actual.get("done").asBoolean()).as(step).isEqualTo(at != null);
      if (at != null) {
        assertThat(Instant.parse(actual.get("at").asString())).isEqualTo(at);
      } else if (next == null) {
        next = step;
      }
    }
    assertThat(
            body.get("nextStep") == null || body.get("nextStep").isNull()
                ? null
                : body.get("nextStep").asString())
        .isEqualTo(next);
    assertThat(Instant.parse(body.get("signedUpAt").asString())).isEqualTo(o.signedUpAt());
  }

  @Test
  void planHistoryListsEverySignupPlanChangeAndChurnInOrder() {
    JsonNode body = read("/plan-history");
    List<String> expected =
        TenantData.events(tenant).stream()
            .filter(
                e ->
                    Set.of("tenant_signed_up", "plan_changed", "tenant_churned").contains(e.type()))
            .sorted(
                java.util.Comparator.comparing(ExpectedEvent::eventTime)
                    .thenComparing(ExpectedEvent::eventId))
            .map(e -> e.eventTime() + " " + e.type() + " " + e.plan())
            .toList();
    List<String> actual = new java.util.ArrayList<>();
    body.get("changes")
        .forEach(
            c ->
                actual.add(
                    Instant.parse(c.get("at").asString())
                        + " "
                        + c.get("type").asString()
                        + " "
                        + (c.get("plan") == null || c.get("plan").isNull()
                            ? null
                            : c.get("plan").asString())));
    assertThat(actual).isEqualTo(expected).isNotEmpty();
  }

  @Test
  void aPortalTokenReadsItsTenantFromAnAllowedOriginAndNoOther() {
    String token = portalToken(tenant);
    HttpResponse<String> allowed =
        send(
            "GET",
            "/v1/tenants/" + tenant + "/onboarding",
            "Bearer " + token,
            null,
            "Origin",
            ORIGIN);
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    HttpResponse<String> other =
        send(
            "GET",
            "/v1/tenants/" + tenant + "/onboarding",
            "Bearer " + token,
            null,
            "Origin",
            "https://evil.example");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).doesNotContain(tenant);
  }

  @Test
  void anUnknownGranularityIsRefusedAndAnUnknownParameterChangesNothing() {
    HttpResponse<String> r =
        get(
            "/v1/tenants/"
                + tenant
                + "/usage?granularity=day&from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&foo=1",
            "Bearer " + key);
    assertThat(r.statusCode()).isEqualTo(200);
    HttpResponse<String> bad =
        get("/v1/tenants/" + tenant + "/usage?granularity=week", "Bearer " + key);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("code").asString()).isEqualTo("invalid_granularity");
  }

  private static Map<String, Double> points(JsonNode body) {
    Map<String, Double> out = new TreeMap<>();
    for (JsonNode meter : body.get("meters")) {
      for (JsonNode p : meter.get("points")) {
        out.put(
            meter.get("meter").asString() + "@" + Instant.parse(p.get("start").asString()),
            p.get("quantity").asDouble());
      }
    }
    return out;
  }
}
