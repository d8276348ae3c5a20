package dev.tenantpulse.standalone.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's alerting rules: the built-in {@code active_tenants_drop} (20 % below the weekly
 * average, at least 10 tenants), evaluated every 30 s with no {@code for} delay, notifying the
 * demo's local webhook receiver. A file of its own ({@code demo/alerting-rules.yaml}), so a demo
 * never edits the rules a user keeps in the data directory.
 */
public final class DemoRules {

  private DemoRules() {}

  public static Path write(Path file, String webhookUrl, String secret) throws IOException {
    Files.createDirectories(file.getParent());
    String yaml =
        """
        # Written by bin/tenant-pulse --demo at each start (the receiver's address may change).
        channels:
          demo-webhook:
            type: webhook
            url: "%s"
            secret: "%s"

        rules:
          active_tenants_drop:
            kind: active_tenants_drop
            description: Active tenants (24 h) fell against their weekly average
            params:
              drop_ratio: 0.20
              min_baseline: 10
              overall: true
              per_plan: false
            for: 0s
            evaluation_interval: 30s
            repeat_interval: 4h
            no_data_after: 2h
            severity: critical
            channels: [demo-webhook]
        """
            .formatted(webhookUrl, secret);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }
}
