package dev.tenantpulse.collector.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.collector.support.RunningCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyCacheTtlPropertyTests {

  @Test
  void aNegativeKeyCacheTtlStopsStartUpNamingTheProperty() {
    assertThatThrownBy(
            () ->
                RunningCollector.start(
                        "unused",
                        Map.of(
                            "spring.datasource.url",
                            "jdbc:h2:mem:ttl-property",
                            "tenant-pulse.collector.key-cache-ttl",
                            "-1s"))
                    .close())
        .rootCause()
        .hasMessageContaining("tenant-pulse.collector.keyCacheTtl");
  }
}
