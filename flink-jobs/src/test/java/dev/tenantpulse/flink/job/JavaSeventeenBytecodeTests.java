package dev.tenantpulse.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.sink.ClickHouseSink;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The job runs on stock Flink images (Java 17): every class of this module, and the tenancy model
 * it ships in its jar, must be class file version 61 or lower.
 */
class JavaSeventeenBytecodeTests {

  private static final int JAVA_17 = 61;

  @Test
  void everyClassOfTheJobIsJava17Bytecode() throws Exception {
    Path classes = classesDirectoryOf(ClickHouseSink.class);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).toList();
    }

    assertThat(files).hasSizeGreaterThan(20);
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        assertThat(majorVersion(in)).as(file.toString()).isEqualTo(JAVA_17);
      }
    }
  }

  @Test
  void theTenancyModelItShipsIsJava17Bytecode() throws Exception {
    try (InputStream in = TenantEvent.class.getResourceAsStream("TenantEvent.class")) {
      assertThat(majorVersion(in)).isLessThanOrEqualTo(JAVA_17);
    }
  }

  private static Path classesDirectoryOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static int majorVersion(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    assertThat(in.readInt()).isEqualTo(0xCAFEBABE);
    in.readUnsignedShort(); // minor
    return in.readUnsignedShort();
  }
}
