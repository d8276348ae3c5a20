package dev.tenantpulse.collector.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A collector on a random port, talking to the test JVM's real broker and an in-memory H2 metadata
 * database; {@link CollectorTestBase} wires the properties.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:collector-${random.uuid};DB_CLOSE_DELAY=-1",
      "tenant-pulse.collector.admin-token=test-admin-token",
      "tenant-pulse.collector.ack-timeout=3s",
      "spring.kafka.producer.properties.max.block.ms=3000",
      "tenant-pulse.collector.seed-keys[0].name=server",
      "tenant-pulse.collector.seed-keys[0].key=" + CollectorTestBase.SERVER_KEY,
      "tenant-pulse.collector.seed-keys[1].name=acme-client",
      "tenant-pulse.collector.seed-keys[1].key=" + CollectorTestBase.ACME_KEY,
      "tenant-pulse.collector.seed-keys[1].tenant-id=acme"
    })
public @interface CollectorTest {}
