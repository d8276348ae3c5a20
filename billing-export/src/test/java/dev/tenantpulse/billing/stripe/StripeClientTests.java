package dev.tenantpulse.billing.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.billing.support.FakeStripe;
import dev.tenantpulse.billing.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StripeClientTests {

  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  final MutableClock clock = new MutableClock(NOW);
  final FakeStripe stripe = fake();

  static FakeStripe fake() {
    try {
      return new FakeStripe(new MutableClock(NOW)).customers("cus_A1");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void tearDown() {
    stripe.close();
  }

  StripeClient client(String key) {
    return new StripeClient(stripe.baseUrl(), StripeSecretKey.of(key), Duration.ofMillis(300));
  }

  MeterEvent event(String identifier, long value) {
    return new MeterEvent("api_calls", "cus_A1", value, identifier, NOW.minusSeconds(3600));
  }

  @Test
  void sendsAFormEncodedEventThatStripeCountsOncePerIdentifier() {
    StripeClient client = client(FakeStripe.KEY);

    assertThat(client.send(event("id-1", 5))).isInstanceOf(SendOutcome.Accepted.class);
    assertThat(client.send(event("id-1", 5))).isInstanceOf(SendOutcome.Accepted.class);
    assertThat(client.send(event("id-2", -2))).isInstanceOf(SendOutcome.Accepted.class);

    assertThat(stripe.sums("cus_A1", "api_calls"))
        .containsExactly(Map.entry(NOW.minusSeconds(3600).getEpochSecond(), 3L));
    assertThat(stripe.duplicates()).isEqualTo(1);
  }

  @Test
  void encodesTheFieldsStripeDocuments() {
    assertThat(
            StripeClient.form(
                new MeterEvent(
                    "api calls", "cus_A1", -7, "tp-x&y", Instant.ofEpochSecond(1700000000))))
        .isEqualTo(
            "event_name=api+calls&payload%5Bstripe_customer_id%5D=cus_A1&payload%5Bvalue%5D=-7"
                + "&identifier=tp-x%26y&timestamp=1700000000");
  }

  @Test
  void tellsEveryKindOfFailureApart() {
    StripeClient client = client(FakeStripe.KEY);
    stripe.failNext(FakeStripe.Fault.RATE_LIMIT, 1);
    assertThat(client.send(event("a", 1))).isInstanceOf(SendOutcome.RateLimited.class);
    stripe.failNext(FakeStripe.Fault.SERVER_ERROR, 1);
    assertThat(client.send(event("b", 1))).isInstanceOf(SendOutcome.Transient.class);
    stripe.failNext(FakeStripe.Fault.TIMEOUT_AFTER_ACCEPT, 1).hang(Duration.ofMillis(800));
    assertThat(client.send(event("c", 1)))
        .isEqualTo(new SendOutcome.Transient("timed out after PT0.3S"));
    stripe.failNext(FakeStripe.Fault.DROP_AFTER_ACCEPT, 1);
    assertThat(client.send(event("d", 1))).isInstanceOf(SendOutcome.Transient.class);
    assertThat(client.send(new MeterEvent("api_calls", "cus_nobody", 1, "e", NOW)))
        .isEqualTo(new SendOutcome.Refused(400, "No such customer: 'cus_nobody'"));
    assertThat(client(FakeStripe.KEY + "x").send(event("f", 1)))
        .isInstanceOf(SendOutcome.Refused.class)
        .extracting(r -> ((SendOutcome.Refused) r).status())
        .isEqualTo(401);
  }

  @Test
  void theKeyNeverShowsInText() {
    StripeSecretKey key = StripeSecretKey.of("sk_live_abcdef123456");

    assertThat(key.toString()).doesNotContain("abcdef").isEqualTo("StripeSecretKey[masked]");
    assertThat(StripeSecretKey.of(FakeStripe.KEY).toString()).doesNotContain(FakeStripe.KEY);
    assertThatThrownBy(() -> StripeSecretKey.of(" ")).hasMessageContaining("STRIPE_SECRET_KEY");
    assertThatThrownBy(() -> StripeSecretKey.of("sk_test_secret value"))
        .hasMessageNotContaining("secret value");
  }
}
