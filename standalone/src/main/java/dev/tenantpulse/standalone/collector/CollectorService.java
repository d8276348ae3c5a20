package dev.tenantpulse.standalone.collector;

import dev.tenantpulse.collector.CollectorApplication;
import dev.tenantpulse.standalone.kafka.KafkaService;
import dev.tenantpulse.standalone.lifecycle.Service;
import dev.tenantpulse.standalone.metadata.MetadataService;
import dev.tenantpulse.standalone.spring.SpringContexts;
import dev.tenantpulse.standalone.warehouse.WarehouseService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The collector, the same Spring Boot application as in production, in a context of its own: its
 * producer pointed at the embedded broker, its API keys in the H2 metadata file. Stopping it closes
 * the context, whose graceful web server shutdown refuses new requests first and lets the ones in
 * flight get their Kafka acknowledgement and answer.
 */
public final class CollectorService implements Service {

  /** Spring Boot auto-configurations of other modules on the class path that are not its own. */
  static final String EXCLUDED_AUTO_CONFIGURATIONS =
      "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration";

  private final String host;
  private final int port;
  private final KafkaService kafka;
  private final MetadataService metadata;
  private final WarehouseService warehouse;
  private final String adminToken;
  private final Optional<String> devKey;
  private final Path usersFile;
  private final Consumer<GenericApplicationContext> beans;
  private ConfigurableApplicationContext context;
  private int actualPort;

  public CollectorService(
      String host,
      int port,
      KafkaService kafka,
      MetadataService metadata,
      WarehouseService warehouse,
      String adminToken,
      Optional<String> devKey,
      Path usersFile,
      Consumer<GenericApplicationContext> beans) {
    this.host = host;
    this.port = port;
    this.kafka = kafka;
    this.metadata = metadata;
    this.warehouse = warehouse;
    this.adminToken = adminToken;
    this.devKey = devKey;
    this.usersFile = usersFile;
    this.beans = beans;
  }

  @Override
  public String name() {
    return "Collector (ingestion API)";
  }

  @Override
  public Started start() {
    List<String> properties = new ArrayList<>();
    properties.add("server.address=" + host);
    properties.add("server.port=" + port);
    properties.add("spring.datasource.url=" + metadata.url("collector"));
    properties.add("spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    properties.add("tenant-pulse.collector.embedded-kafka.enabled=false");
    properties.add("tenant-pulse.collector.topic=" + kafka.topic());
    properties.add("tenant-pulse.collector.admin-token=" + adminToken);
    properties.add("tenant-pulse.collector.users-file=" + usersFile);
    // Tenant reads on the process's one chDB engine (the driver shares it): no second engine.
    properties.add("tenant-pulse.collector.tenant-reads.warehouse-url=" + warehouse.url());
    // Export and erasure as the process's default user, which may delete.
    properties.add("tenant-pulse.collector.tenant-data.warehouse-url=" + warehouse.url());
    properties.add("spring.autoconfigure.exclude=" + EXCLUDED_AUTO_CONFIGURATIONS);
    devKey.ifPresent(
        key -> {
          properties.add("tenant-pulse.collector.seed-keys[0].name=local-dev");
          properties.add("tenant-pulse.collector.seed-keys[0].key=" + key);
        });
    context =
        SpringContexts.run(CollectorApplication.class, "tenant-pulse-collector", properties, beans);
    actualPort = SpringContexts.port(context);
    return Started.at(baseUrl());
  }

  public String baseUrl() {
    return "http://" + host + ":" + actualPort;
  }

  @Override
  public void stop() {
    context.close();
  }
}
