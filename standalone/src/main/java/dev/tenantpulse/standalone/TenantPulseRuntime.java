package dev.tenantpulse.standalone;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.standalone.alerting.AlertingService;
import dev.tenantpulse.standalone.billing.BillingExportService;
import dev.tenantpulse.standalone.clickhouse.ClickHouseHttpService;
import dev.tenantpulse.standalone.clickhouse.ClickHouseHttpSettings;
import dev.tenantpulse.standalone.collector.CollectorService;
import dev.tenantpulse.standalone.collector.TenantErasureWiring;
import dev.tenantpulse.standalone.console.ConsoleService;
import dev.tenantpulse.standalone.console.ConsoleSettings;
import dev.tenantpulse.standalone.console.PipelineProbe;
import dev.tenantpulse.standalone.console.PipelineStatus;
import dev.tenantpulse.standalone.console.RecomputeLauncher;
import dev.tenantpulse.standalone.flink.FlinkService;
import dev.tenantpulse.standalone.flink.FlinkSettings;
import dev.tenantpulse.standalone.flink.Recomputes;
import dev.tenantpulse.standalone.flink.StreamingPipeline;
import dev.tenantpulse.standalone.flink.TenantPulsePipelines;
import dev.tenantpulse.standalone.kafka.KafkaLag;
import dev.tenantpulse.standalone.kafka.KafkaService;
import dev.tenantpulse.standalone.lifecycle.Service;
import dev.tenantpulse.standalone.lifecycle.ServiceChain;
import dev.tenantpulse.standalone.metadata.MetadataService;
import dev.tenantpulse.standalone.warehouse.WarehouseService;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole service in this process, in start order:
 *
 * <ol>
 *   <li>Kafka broker, then ClickHouse (chDB, migrated), then the H2 metadata databases: the storage
 *       everything else needs;
 *   <li>the Flink jobs, resuming from their newest snapshot, and the alerting scheduler: they work
 *       on what is stored;
 *   <li>the collector last, so events are accepted only once everything behind it runs; the console
 *       (SQL, operator API) after it.
 * </ol>
 *
 * Stopping goes the other way: the console, then the collector (which stops accepting first and
 * lets requests in flight get their Kafka acknowledgement), alerting, the Flink jobs (savepoint),
 * and the storage last.
 */
public final class TenantPulseRuntime {

  public static final String TOPIC = "tenant-events";
  static final int PARTITIONS = 4;

  private final StandaloneOptions options;
  private final DataDirectory data;
  private final String adminToken;
  private final Credentials credentials;
  private final KafkaService kafka;
  private final WarehouseService warehouse;
  private final FlinkService flink;
  private final AlertingService alerting;
  private final CollectorService collector;
  private final ConsoleService console;
  private final ClickHouseHttpService clickhouseHttp;
  private final BillingExportService billing;
  private final ServiceChain chain;

  /**
   * What a run adds to the standard services (the demo: a webhook receiver before alerting, its own
   * rules file, traffic after everything).
   *
   * @param beforeAlerting started after the Flink jobs, before alerting
   * @param alertingRulesFile the rules file alerting uses instead of {@code
   *     <data>/alerting-rules.yaml}
   * @param last started after the console, stopped first
   */
  public record Extensions(
      List<Service> beforeAlerting, Optional<Path> alertingRulesFile, List<Service> last) {
    public static Extensions none() {
      return new Extensions(List.of(), Optional.empty(), List.of());
    }
  }

  public TenantPulseRuntime(
      StandaloneOptions options,
      DataDirectory data,
      TenantPulsePipelines.Availability pipeline,
      Extensions extensions,
      PrintStream out) {
    this.options = options;
    this.data = data;
    this.adminToken = data.adminToken(options.adminToken());
    // One user store and one credential check for every service of the process: the collector and
    // alerting read the same users file (they are production applications with their own
    // configuration), the console and the ClickHouse interface use this instance.
    this.credentials = new Credentials(adminToken, new FileUserStore(data.usersFile()));
    String host = options.host();
    StandaloneOptions.Ports ports = options.ports();
    kafka = new KafkaService(data.kafka(), ports.kafka(), TOPIC, PARTITIONS);
    warehouse = new WarehouseService(data.clickhouse());
    MetadataService metadata =
        new MetadataService(data.metadata(), List.of("collector", "alerting", "billing"));
    flink =
        new FlinkService(
            FlinkSettings.embedded(
                data.flink(),
                host,
                ports.flinkUi(),
                options.stateBackend(),
                data.logs().resolve("tenant-pulse.log")),
            pipeline,
            () ->
                new StreamingPipeline.PipelineEndpoints(
                    kafka.bootstrapServers(), TOPIC, warehouse.url()));
    alerting =
        new AlertingService(
            host,
            ports.alerting(),
            metadata,
            warehouse,
            adminToken,
            extensions.alertingRulesFile().orElse(data.root().resolve("alerting-rules.yaml")),
            data.usersFile(),
            List.of());
    RecomputeLauncher recompute =
        Recomputes.launcher(
            () ->
                new StreamingPipeline.PipelineEndpoints(
                    kafka.bootstrapServers(), TOPIC, warehouse.url()),
            options.jobProperties());
    collector =
        new CollectorService(
            host,
            ports.collector(),
            kafka,
            metadata,
            warehouse,
            adminToken,
            options.devKey(),
            data.usersFile(),
            // An erasure also clears the billing ledger and recomputes the aggregates' range.
            TenantErasureWiring.beans(recompute, metadata.url("billing")));
    PipelineProbe probe =
        new PipelineProbe() {
          @Override
          public PipelineStatus.Kafka kafka() {
            return KafkaLag.measure(kafka.bootstrapServers(), TOPIC, flink.consumerGroup());
          }

          @Override
          public PipelineStatus.Flink flink() {
            return flink.status();
          }
        };
    console =
        new ConsoleService(
            host,
            ports.console(),
            () ->
                ConsoleSettings.defaults(
                    adminToken,
                    warehouse.url(),
                    collector.baseUrl(),
                    alerting.running() ? alerting.baseUrl() : null,
                    options.boardsDatabase()),
            probe,
            recompute,
            credentials);
    clickhouseHttp =
        new ClickHouseHttpService(
            host,
            ports.clickhouseHttp(),
            data.clickhouse(),
            data.root().resolve("tmp").resolve("clickhouse-http"),
            credentials::authenticate,
            ClickHouseHttpSettings.defaults(),
            console::meterRegistry);
    List<Service> services = new ArrayList<>(List.of(kafka, warehouse, metadata, flink));
    services.addAll(extensions.beforeAlerting());
    services.addAll(List.of(alerting, collector, console, clickhouseHttp));
    // Off unless the environment turns it on (it would bill real customers): see the README.
    billing =
        new BillingExportService(
            host, 0, metadata, warehouse, adminToken, data.usersFile(), System.getenv());
    services.add(billing);
    services.addAll(extensions.last());
    chain = new ServiceChain(services, out);
  }

  /**
   * Starts everything; on failure stops what started and throws.
   *
   * @return where it listens
   */
  public Endpoints start() {
    chain.start();
    Endpoints endpoints =
        new Endpoints(
            data.root().toString(),
            collector.baseUrl(),
            console.baseUrl(),
            clickhouseHttp.baseUrl(),
            alerting.running() ? alerting.baseUrl() : null,
            flink.restUri().map(Object::toString).orElse(null),
            kafka.bootstrapServers(),
            warehouse.url(),
            options.adminToken().isPresent() ? null : data.root().resolve("admin-token").toString(),
            options.devKey().orElse(null),
            billing.running() ? billing.baseUrl() : null,
            ProcessHandle.current().pid());
    endpoints.write(data.endpointsFile());
    return endpoints;
  }

  /** The collector's base URL; valid once started. */
  public String collectorUrl() {
    return collector.baseUrl();
  }

  /** The console's base URL; valid once started. */
  public String consoleUrl() {
    return console.baseUrl();
  }

  public String adminToken() {
    return adminToken;
  }

  /** The credential check of every service: the admin token and the users of the data directory. */
  public Credentials credentials() {
    return credentials;
  }

  public String warehouseUrl() {
    return warehouse.url();
  }

  /** Stops everything that started, in reverse order. Safe to call twice. */
  public void stop() {
    chain.stop();
  }
}
