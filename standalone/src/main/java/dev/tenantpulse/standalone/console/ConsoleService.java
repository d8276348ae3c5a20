package dev.tenantpulse.standalone.console;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.Users;
import dev.tenantpulse.access.web.BrowserSessions;
import dev.tenantpulse.standalone.lifecycle.Service;
import dev.tenantpulse.standalone.spring.SpringContexts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the {@link ConsoleApplication} with what the runtime hands it. */
public final class ConsoleService implements Service {

  /**
   * The console uses no database, Kafka or scheduler of its own; those auto-configurations come
   * with other modules on the class path and must stay out of its context.
   */
  static final String EXCLUDED_AUTO_CONFIGURATIONS =
      String.join(
          ",",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
          "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
          "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
          "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration");

  private final String host;
  private final int port;
  private final Supplier<ConsoleSettings> settings;
  private final PipelineProbe probe;
  private final RecomputeLauncher recompute;
  private final Credentials credentials;
  private ConfigurableApplicationContext context;
  private int actualPort;

  /**
   * @param settings asked for at start, once the services it names (the collector) have started
   * @param credentials the process's one credential check; its user store is what {@code
   *     /api/users} manages
   */
  public ConsoleService(
      String host,
      int port,
      Supplier<ConsoleSettings> settings,
      PipelineProbe probe,
      RecomputeLauncher recompute,
      Credentials credentials) {
    this.host = host;
    this.port = port;
    this.settings = settings;
    this.probe = probe;
    this.recompute = recompute;
    this.credentials = credentials;
  }

  @Override
  public String name() {
    return "Console (boards and alerts in the browser, analyst SQL, operator API)";
  }

  @Override
  public Started start() {
    ConsoleSettings resolved = settings.get();
    context =
        SpringContexts.run(
            ConsoleApplication.class,
            "tenant-pulse-console",
            List.of(
                "server.address=" + host,
                "server.port=" + port,
                "spring.autoconfigure.exclude=" + EXCLUDED_AUTO_CONFIGURATIONS),
            beans -> {
              beans.registerBean(ConsoleSettings.class, () -> resolved);
              beans.registerBean(PipelineProbe.class, () -> probe);
              beans.registerBean(RecomputeLauncher.class, () -> recompute);
              beans.registerBean(Credentials.class, () -> credentials);
              beans.registerBean(BrowserSessions.class, BrowserSessions::withDefaults);
              beans.registerBean(
                  Users.class,
                  () ->
                      new Users(
                          credentials
                              .users()
                              .orElseThrow(
                                  () ->
                                      new IllegalStateException(
                                          "the console needs a user store"))));
            });
    actualPort = SpringContexts.port(context);
    return Started.at(baseUrl());
  }

  /** The console's meters, shown on its {@code /actuator/prometheus}; valid once started. */
  public MeterRegistry meterRegistry() {
    return context.getBean(MeterRegistry.class);
  }

  public String baseUrl() {
    return "http://" + host + ":" + actualPort;
  }

  @Override
  public void stop() {
    context.close();
  }
}
