package dev.tenantpulse.collector;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The metadata contract on an H2 file database, as the embedded default runs it. */
class H2FileMetadataTests extends MetadataStoreContract {

  @TempDir static Path directory;

  @Override
  protected Map<String, String> metadataDatabase() {
    return Map.of(
        "spring.datasource.url",
        "jdbc:h2:file:" + directory.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE");
  }
}
