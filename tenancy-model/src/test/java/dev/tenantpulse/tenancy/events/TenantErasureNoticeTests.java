package dev.tenantpulse.tenancy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TenantErasureNoticeTests {

  @Test
  void aNoticeDecodesToWhatWasEncodedWhateverTheTenantId() {
    Random random = new Random(16);
    List<String> ids =
        List.of("acme", "acme2", "ACME", "acme_", "acme%", "o'brien", "back\\slash", "--", "ü😀");
    for (String id : ids) {
      assertRoundTrip(id);
    }
    for (int i = 0; i < 500; i++) {
      StringBuilder id = new StringBuilder();
      int length = 1 + random.nextInt(40);
      for (int c = 0; c < length; c++) {
        id.appendCodePoint(1 + random.nextInt(0x2FFF));
      }
      assertRoundTrip(id.toString());
    }
  }

  private static void assertRoundTrip(String id) {
    TenantErasureNotice notice =
        new TenantErasureNotice(id, Instant.parse("2026-12-07T05:30:00.123Z"));
    assertThat(TenantErasureNotice.decode(notice.encode())).isEqualTo(notice);
  }

  @Test
  void onlyTheHeaderValueOfANoticeMarksOne() {
    assertThat(TenantErasureNotice.isNotice(TenantErasureNotice.headerValue())).isTrue();
    assertThat(TenantErasureNotice.isNotice(null)).isFalse();
    assertThat(TenantErasureNotice.isNotice("tenant-erased ".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(TenantErasureNotice.isNotice("TENANT-ERASED".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
  }

  @Test
  void aValueThatIsNoNoticeIsRefusedWithTheReason() {
    List<String> bad =
        List.of(
            "",
            "null",
            "[]",
            "{}",
            "{\"tenant_id\":\"\",\"erased_at\":\"2026-12-07T00:00:00Z\"}",
            "{\"tenant_id\":7,\"erased_at\":\"2026-12-07T00:00:00Z\"}",
            "{\"tenant_id\":\"acme\"}",
            "{\"tenant_id\":\"acme\",\"erased_at\":\"yesterday\"}",
            "{\"tenant_id\":\"acme\",\"erased_at\":",
            "{\"type\":\"activity\",\"id\":\"e1\",\"tenant_id\":\"acme\"}");
    for (String value : bad) {
      assertThatThrownBy(() -> TenantErasureNotice.decode(value.getBytes(StandardCharsets.UTF_8)))
          .as(value)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("erasure notice");
    }
  }
}
