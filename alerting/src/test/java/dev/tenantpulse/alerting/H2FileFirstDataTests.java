package dev.tenantpulse.alerting;

import java.util.Map;

/** {@link FirstDataContract} on an H2 file, as the embedded default (and the demo) runs. */
class H2FileFirstDataTests extends FirstDataContract {

  @Override
  Map<String, String> metadata() {
    return Map.of(
        "spring.datasource.url",
        "jdbc:h2:file:" + dir.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE");
  }
}
