package dev.tenantpulse.flink.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventKeyTests {

  @Test
  void theHashIsMurmur3x64x128AsAnIndependentImplementationComputesIt() {
    Random random = new Random(7);
    for (int n = 0; n < 5_000; n++) {
      byte[] data = new byte[random.nextInt(n < 100 ? 40 : 300)];
      random.nextBytes(data);
      ByteBuffer guava =
          ByteBuffer.wrap(Hashing.murmur3_128(0).hashBytes(data).asBytes())
              .order(ByteOrder.LITTLE_ENDIAN);

      assertThat(EventKey.murmur3x64x128(data, 0))
          .as("%d bytes", data.length)
          .containsExactly(guava.getLong(0), guava.getLong(8));
    }
  }

  @Test
  void aPublishedVectorHolds() {
    assertThat(EventKey.murmur3x64x128("hello".getBytes(StandardCharsets.UTF_8), 0))
        .containsExactly(0xcbd8a7b341bd9b02L, 0x5b1e906a48ae1d19L);
  }

  @Test
  void keysAreTwentyTwoCharactersWhateverTheIdsHold() {
    assertThat(EventKey.of("t", "")).hasSize(22);
    assertThat(EventKey.of("a".repeat(64), "é".repeat(128))).hasSize(22).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void aTenantAndIdSplitDifferentlyIsAnotherKey() {
    assertThat(EventKey.of("ab", "c")).isNotEqualTo(EventKey.of("a", "bc"));
    assertThat(EventKey.of("acme", "e-1")).isNotEqualTo(EventKey.of("globex", "e-1"));
    assertThat(EventKey.of("acme", "e-1")).isEqualTo(EventKey.of("acme", "e-1"));
  }

  @Test
  void aMillionSequentialIdsGiveAMillionKeys() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1_000_000; i++) {
      keys.add(EventKey.of("tenant-" + (i % 5_000), "soak-" + i));
    }
    assertThat(keys).hasSize(1_000_000);
  }
}
