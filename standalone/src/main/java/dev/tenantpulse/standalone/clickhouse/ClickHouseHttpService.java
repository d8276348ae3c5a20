package dev.tenantpulse.standalone.clickhouse;

import dev.tenantpulse.standalone.lifecycle.Service;
import dev.tenantpulse.warehouse.chdb.ReadOnlySessions;
import dev.tenantpulse.warehouse.chdb.ResultChunks;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The ClickHouse-compatible HTTP interface of the one-process runtime, on a port of its own
 * (default 8123, ClickHouse's): what Grafana's ClickHouse data source, DBeaver, Metabase, the JDBC
 * driver and notebooks connect to when ClickHouse runs inside this process as chDB, which serves no
 * network clients itself. An embedded Tomcat with one servlet: the interface has no pages, filters
 * or JSON of its own, so a Spring context would add start time and nothing else.
 */
public final class ClickHouseHttpService implements Service {

  private final String host;
  private final int port;
  private final Path clickhouseData;
  private final Path workDir;
  private final InterfaceUsers users;
  private final ClickHouseHttpSettings settings;
  private final Supplier<MeterRegistry> meters;
  private ReadOnlySessions sessions;
  private Tomcat tomcat;
  private int actualPort;

  public ClickHouseHttpService(
      String host,
      int port,
      Path clickhouseData,
      Path workDir,
      InterfaceUsers users,
      ClickHouseHttpSettings settings,
      Supplier<MeterRegistry> meters) {
    this.meters = meters;
    this.host = host;
    this.port = port;
    this.clickhouseData = clickhouseData;
    this.workDir = workDir;
    this.users = users;
    this.settings = settings;
  }

  @Override
  public String name() {
    return "ClickHouse HTTP interface (read-only, for Grafana, DBeaver, JDBC, notebooks)";
  }

  @Override
  public Started start() throws Exception {
    sessions =
        new ReadOnlySessions(
            clickhouseData,
            Map.of(
                "max_execution_time", Integer.toString(settings.maxExecutionSeconds()),
                "max_memory_usage", Long.toString(settings.maxMemoryBytes()),
                // Dashboards read ReplacingMergeTree tables with FINAL; rows of one key share a
                // partition, so not merging across partitions keeps the result and saves the work.
                "do_not_merge_across_partitions_select_final", "1"),
            4);
    ServerIdentity identity =
        new ServerIdentity(
            scalar("SELECT version()"),
            scalar("SELECT timezone()"),
            displayName(),
            Long.parseLong(scalar("SELECT revision()")));
    SettingsPolicy policy =
        new SettingsPolicy(
            Map.of(
                "max_execution_time",
                (long) settings.maxExecutionSeconds(),
                "max_memory_usage",
                settings.maxMemoryBytes()),
            Set.of(
                scalar("SELECT arrayStringConcat(groupArray(name), ',') FROM system.settings")
                    .split(",")));
    Files.createDirectories(workDir);
    tomcat = new Tomcat();
    tomcat.setBaseDir(workDir.toString());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", host);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", workDir.toString());
    Tomcat.addServlet(
        context,
        "clickhouse",
        new ClickHouseHttpServlet(
            sessions, users, policy, identity, settings, new QueryMetrics(meters.get())));
    context.addServletMappingDecoded("/*", "clickhouse");
    tomcat.start();
    actualPort = connector.getLocalPort();
    return Started.at(baseUrl());
  }

  public String baseUrl() {
    return "http://" + host + ":" + actualPort;
  }

  public int port() {
    return actualPort;
  }

  @Override
  public void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    if (sessions != null) {
      sessions.close();
    }
  }

  private String scalar(String sql) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultChunks collect =
        chunk -> {
          byte[] bytes = new byte[chunk.remaining()];
          chunk.get(bytes);
          out.writeBytes(bytes);
        };
    sessions.run(
        new ReadOnlySessions.Query(sql, Optional.empty(), "TSVRaw", Map.of(), Map.of()),
        format -> collect);
    return out.toString(StandardCharsets.UTF_8).strip();
  }

  private static String displayName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "tenant-pulse";
    }
  }
}
