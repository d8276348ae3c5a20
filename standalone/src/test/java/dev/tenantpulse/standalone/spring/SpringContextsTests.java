package dev.tenantpulse.standalone.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.CollectorApplication;
import dev.tenantpulse.standalone.console.ConsoleApplication;
import org.junit.jupiter.api.Test;

class SpringContextsTests {

  @Test
  void pointsAnApplicationAtTheConfigFileInsideItsOwnJar() {
    assertThat(SpringContexts.ownConfigFile(CollectorApplication.class))
        .hasValueSatisfying(
            location ->
                assertThat(location)
                    .containsPattern("collector[^/]*(\\.jar!/|/classes/)application\\.yaml$"));
  }

  @Test
  void findsNoneForAnApplicationWhoseJarHasNone() {
    assertThat(SpringContexts.ownConfigFile(ConsoleApplication.class)).isEmpty();
  }
}
