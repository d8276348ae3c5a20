package dev.tenantpulse.standalone.alerting;

import dev.tenantpulse.standalone.lifecycle.Service;
import dev.tenantpulse.standalone.metadata.MetadataService;
import dev.tenantpulse.standalone.spring.SpringContexts;
import dev.tenantpulse.standalone.warehouse.WarehouseService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The alerting service (Spring Boot + Quartz), the same application as in production, in a context
 * and on a port of its own: its own {@code /actuator/prometheus} (the business gauges) and API, as
 * when it runs as a service of its own. Its Quartz job store and alert state are in the H2 metadata
 * file; it reads the metric tables through the process's one chDB URL.
 */
public final class AlertingService implements Service {

  /** The alerting module's application class, looked up so the runtime starts without it. */
  static final String APPLICATION_CLASS = "dev.tenantpulse.alerting.AlertingApplication";

  static final String EXCLUDED_AUTO_CONFIGURATIONS =
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration";

  private final String host;
  private final int port;
  private final MetadataService metadata;
  private final WarehouseService warehouse;
  private final String adminToken;
  private final Path rulesFile;
  private final Path usersFile;
  private final List<String> extraProperties;
  private ConfigurableApplicationContext context;
  private int actualPort;

  /**
   * @param extraProperties more {@code name=value} properties (the demo's webhook channel)
   */
  public AlertingService(
      String host,
      int port,
      MetadataService metadata,
      WarehouseService warehouse,
      String adminToken,
      Path rulesFile,
      Path usersFile,
      List<String> extraProperties) {
    this.host = host;
    this.port = port;
    this.metadata = metadata;
    this.warehouse = warehouse;
    this.adminToken = adminToken;
    this.rulesFile = rulesFile;
    this.usersFile = usersFile;
    this.extraProperties = List.copyOf(extraProperties);
  }

  @Override
  public String name() {
    return "Alerting scheduler (Quartz)";
  }

  @Override
  public Started start() {
    Optional<Class<?>> application = application();
    if (application.isEmpty()) {
      return Started.skipped(
          "the alerting module has no " + APPLICATION_CLASS + " yet, so no rule is evaluated");
    }
    List<String> properties = new ArrayList<>();
    properties.add("server.address=" + host);
    properties.add("server.port=" + port);
    properties.add("spring.datasource.url=" + metadata.url("alerting"));
    properties.add("tenant-pulse.alerting.admin-token=" + adminToken);
    properties.add("tenant-pulse.alerting.rules-file=" + rulesFile);
    properties.add("tenant-pulse.alerting.users-file=" + usersFile);
    properties.add("tenant-pulse.alerting.clickhouse.url=" + warehouse.url());
    // The warehouse service has migrated the schema already, on the same engine.
    properties.add("tenant-pulse.alerting.clickhouse.migrate=false");
    properties.add("spring.autoconfigure.exclude=" + EXCLUDED_AUTO_CONFIGURATIONS);
    properties.addAll(extraProperties);
    context =
        SpringContexts.run(application.get(), "tenant-pulse-alerting", properties, ignored -> {});
    actualPort = SpringContexts.port(context);
    return Started.at(baseUrl());
  }

  static Optional<Class<?>> application() {
    try {
      return Optional.of(Class.forName(APPLICATION_CLASS));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  public boolean running() {
    return context != null && context.isActive();
  }

  public String baseUrl() {
    return "http://" + host + ":" + actualPort;
  }

  @Override
  public void stop() {
    context.close();
  }
}
