package dev.tenantpulse.standalone.billing;

import dev.tenantpulse.standalone.lifecycle.Service;
import dev.tenantpulse.standalone.metadata.MetadataService;
import dev.tenantpulse.standalone.spring.SpringContexts;
import dev.tenantpulse.standalone.warehouse.WarehouseService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The billing export (Stripe Billing Meters), the same application as the service in deploy/, in a
 * context of its own: off unless {@code TENANT_PULSE_BILLING_ENABLED=true} is in the environment
 * (with {@code STRIPE_SECRET_KEY}, or {@code TENANT_PULSE_BILLING_DRY_RUN=true}). The application
 * reads every other {@code TENANT_PULSE_BILLING_*} variable and the key from the environment
 * itself; the runtime only points it at the process's ledger file, chDB and users.
 */
public final class BillingExportService implements Service {

  static final String APPLICATION_CLASS =
      "dev.tenantpulse.billing.service.BillingExportApplication";
  static final String ENABLED = "TENANT_PULSE_BILLING_ENABLED";

  private final String host;
  private final int port;
  private final MetadataService metadata;
  private final WarehouseService warehouse;
  private final String adminToken;
  private final Path usersFile;
  private final Map<String, String> environment;
  private org.springframework.context.ConfigurableApplicationContext context;

  /**
   * @param port the operator API and metrics ({@code 0}: any free port, printed at start)
   */
  public BillingExportService(
      String host,
      int port,
      MetadataService metadata,
      WarehouseService warehouse,
      String adminToken,
      Path usersFile,
      Map<String, String> environment) {
    this.host = host;
    this.port = port;
    this.metadata = metadata;
    this.warehouse = warehouse;
    this.adminToken = adminToken;
    this.usersFile = usersFile;
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String name() {
    return "Billing export (Stripe Billing Meters)";
  }

  /** Whether the environment turns it on. */
  public static boolean enabledIn(Map<String, String> environment) {
    return "true".equalsIgnoreCase(environment.getOrDefault(ENABLED, "").strip());
  }

  @Override
  public Started start() throws Exception {
    if (!enabledIn(environment)) {
      return Started.skipped(
          "off: set "
              + ENABLED
              + "=true and STRIPE_SECRET_KEY (or TENANT_PULSE_BILLING_DRY_RUN=true) to export"
              + " usage to Stripe");
    }
    Class<?> application = Class.forName(APPLICATION_CLASS);
    List<String> properties = new ArrayList<>();
    properties.add("server.address=" + host);
    properties.add("server.port=" + port);
    properties.add("spring.datasource.url=" + metadata.url("billing"));
    properties.add("tenant-pulse.billing.enabled=true");
    properties.add("tenant-pulse.billing.admin-token=" + adminToken);
    properties.add("tenant-pulse.billing.users-file=" + usersFile);
    properties.add("tenant-pulse.billing.clickhouse.url=" + warehouse.url());
    context = SpringContexts.run(application, "tenant-pulse-billing", properties, ignored -> {});
    return Started.at(baseUrl());
  }

  public boolean running() {
    return context != null && context.isActive();
  }

  public String baseUrl() {
    return "http://" + host + ":" + SpringContexts.port(context);
  }

  @Override
  public void stop() {
    if (context != null) {
      context.close();
    }
  }
}
