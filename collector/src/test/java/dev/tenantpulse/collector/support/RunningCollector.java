package dev.tenantpulse.collector.support;

import dev.tenantpulse.collector.CollectorApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole collector started and stopped by a test, for what {@code @SpringBootTest} cannot do: stop
 * an application and start another on the same metadata database. Same broker, seed keys and admin
 * token as {@link CollectorTest}.
 */
public final class RunningCollector implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private RunningCollector(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Starts a collector writing to {@code topic}, with {@code properties} over the defaults. */
  public static RunningCollector start(String topic, Map<String, String> properties) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("server.port", "0");
    all.put("spring.main.banner-mode", "off");
    all.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
    all.put("tenant-pulse.collector.topic", topic);
    all.put("tenant-pulse.collector.admin-token", AdminClient.TOKEN);
    all.put("tenant-pulse.collector.ack-timeout", "3s");
    all.put("tenant-pulse.collector.seed-keys[0].name", "server");
    all.put("tenant-pulse.collector.seed-keys[0].key", CollectorTestBase.SERVER_KEY);
    all.put("tenant-pulse.collector.seed-keys[1].name", "acme-client");
    all.put("tenant-pulse.collector.seed-keys[1].key", CollectorTestBase.ACME_KEY);
    all.put("tenant-pulse.collector.seed-keys[1].tenant-id", "acme");
    all.putAll(properties);
    // Command-line arguments, so they win over application.yaml as in production.
    List<String> args = new ArrayList<>();
    all.forEach((name, value) -> args.add("--" + name + "=" + value));
    return new RunningCollector(
        new SpringApplicationBuilder(CollectorApplication.class).run(args.toArray(String[]::new)));
  }

  public int port() {
    return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
