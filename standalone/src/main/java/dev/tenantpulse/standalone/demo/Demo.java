package dev.tenantpulse.standalone.demo;

import dev.tenantpulse.standalone.DataDirectory;
import dev.tenantpulse.standalone.StandaloneOptions;
import dev.tenantpulse.standalone.TenantPulseRuntime;
import dev.tenantpulse.standalone.lifecycle.Service;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code --demo} adds to the runtime: a local webhook receiver (started before alerting, with
 * a rules file that notifies it) and the demo traffic (started last). Kept under {@code
 * <data-dir>/demo/}.
 */
public final class Demo {

  private Demo() {}

  public static TenantPulseRuntime.Extensions extensions(
      StandaloneOptions options,
      DataDirectory data,
      Supplier<String> collectorUrl,
      Supplier<String> consoleUrl,
      PrintStream out) {
    Path dir = data.root().resolve("demo");
    Path rules = dir.resolve("alerting-rules.yaml");
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    WebhookReceiver receiver =
        new WebhookReceiver(options.host(), 0, secret, dir.resolve("received.jsonl"), out);
    Service webhook =
        new Service() {
          @Override
          public String name() {
            return receiver.name();
          }

          @Override
          public Started start() throws Exception {
            Started started = receiver.start();
            DemoRules.write(rules, receiver.url(), secret);
            return started;
          }

          @Override
          public void stop() {
            receiver.stop();
          }
        };
    DemoTraffic traffic =
        new DemoTraffic(collectorUrl, consoleUrl, data.adminToken(options.adminToken()), out);
    DemoViewer viewer =
        new DemoViewer(data.usersFile(), dir.resolve("viewer-password"), consoleUrl, out);
    return new TenantPulseRuntime.Extensions(
        List.of(webhook), Optional.of(rules), List.of(viewer, traffic));
  }
}
