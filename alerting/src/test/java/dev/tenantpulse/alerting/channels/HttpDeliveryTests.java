package dev.tenantpulse.alerting.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a delivery error says about the URL it posted to. */
class HttpDeliveryTests {

  @Test
  void aUrlIsShownAsWrittenWithoutItsPathOrUserInfo() {
    assertThat(HttpDelivery.shown("https://hooks.slack.com/services/T0/B0/XXXX"))
        .isEqualTo("https://hooks.slack.com");
    assertThat(HttpDelivery.shown("http://127.0.0.1:8080?token=x"))
        .isEqualTo("http://127.0.0.1:8080");
    assertThat(HttpDelivery.shown("https://ops:${OPS_PASSWORD}@ops.example.com/hook"))
        .isEqualTo("https://ops.example.com");
    assertThat(HttpDelivery.shown("https://${HOOK_HOST}/services/${HOOK_TOKEN}"))
        .isEqualTo("https://${HOOK_HOST}");
    assertThat(HttpDelivery.shown("${SLACK_WEBHOOK_URL}")).isEqualTo("${SLACK_WEBHOOK_URL}");
    assertThat(HttpDelivery.shown("${HOOK_BASE}/services/x")).isEqualTo("${HOOK_BASE}");
  }
}
