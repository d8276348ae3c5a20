package dev.tenantpulse.alerting;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/** {@link AlertingFlowContract} on an H2 file, as the embedded default runs. */
class H2FileAlertingFlowTests extends AlertingFlowContract {

  @BeforeAll
  static void startOnH2File() {
    start(
        Map.of(
            "spring.datasource.url",
            "jdbc:h2:file:" + dir.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE"));
  }
}
