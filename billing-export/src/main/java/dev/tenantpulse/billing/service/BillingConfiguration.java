package dev.tenantpulse.billing.service;

import dev.tenantpulse.billing.export.BillingMetrics;
import dev.tenantpulse.billing.export.ExportOptions;
import dev.tenantpulse.billing.export.Exporter;
import dev.tenantpulse.billing.ledger.Ledger;
import dev.tenantpulse.billing.reconcile.Reconciliation;
import dev.tenantpulse.billing.reconcile.ReconciliationTable;
import dev.tenantpulse.billing.stripe.StripeClient;
import dev.tenantpulse.billing.stripe.StripeSecretKey;
import dev.tenantpulse.billing.usage.ClickHouseTarget;
import dev.tenantpulse.billing.usage.UsageSource;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the exporter from {@link BillingProperties}; the ledger is migrated here, first. */
@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(BillingConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  Clock billingClock() {
    return Clock.systemUTC();
  }

  @Bean
  Ledger ledger(DataSource metadata) {
    LedgerSchema.migrate(metadata);
    return new Ledger(metadata);
  }

  @Bean
  PlanCatalog billingCatalog(BillingProperties p) {
    return p.catalogFile().isBlank()
        ? PlanCatalog.defaultCatalog()
        : PlanCatalog.load(Path.of(p.catalogFile().strip()));
  }

  @Bean
  ClickHouseTarget billingClickHouse(BillingProperties p) {
    var ch = p.clickhouse();
    return new ClickHouseTarget(ch.url(), ch.user(), ch.password(), ch.database());
  }

  @Bean
  UsageSource usageSource(ClickHouseTarget target) {
    return new UsageSource(target);
  }

  @Bean
  BillingMetrics billingMetrics(MeterRegistry registry) {
    return new BillingMetrics(registry);
  }

  @Bean
  ExportOptions exportOptions(BillingProperties p) {
    return new ExportOptions(
        p.grace(),
        p.backfillFrom().isBlank()
            ? null
            : LocalDate.parse(p.backfillFrom()).atStartOfDay(ZoneOffset.UTC).toInstant(),
        p.dryRun(),
        p.callsPerSecond(),
        p.concurrency(),
        p.maxAttempts(),
        p.initialBackoff(),
        p.maxBackoff());
  }

  /**
   * The exporter; refuses to start when enabled for real without a key (dry-run needs none). The
   * key's value appears nowhere but in the client.
   */
  @Bean
  Exporter exporter(
      BillingProperties p,
      UsageSource usage,
      Ledger ledger,
      PlanCatalog catalog,
      Clock clock,
      ExportOptions options,
      BillingMetrics metrics) {
    StripeClient stripe = null;
    String key = p.stripe().secretKey();
    if (p.enabled() && !p.dryRun() && key.isBlank()) {
      throw new IllegalStateException(
          "tenant-pulse.billing.enabled is true but no Stripe secret key is set: export"
              + " STRIPE_SECRET_KEY, or set tenant-pulse.billing.dry-run=true");
    }
    if (!key.isBlank()) {
      StripeSecretKey secret = StripeSecretKey.of(key);
      stripe = new StripeClient(URI.create(p.stripe().apiBase()), secret, p.stripe().timeout());
      log.info(
          "billing export: {} to {} ({}), {} calls/s at most",
          p.enabled() ? (p.dryRun() ? "dry run" : "sending") : "off",
          p.stripe().apiBase(),
          secret,
          p.callsPerSecond());
    }
    return new Exporter(usage, ledger, stripe, catalog, clock, options, metrics);
  }

  @Bean
  Reconciliation reconciliation(
      Ledger ledger, UsageSource usage, PlanCatalog catalog, Clock clock) {
    return new Reconciliation(ledger, usage, catalog, clock);
  }

  @Bean
  ReconciliationTable reconciliationTable(ClickHouseTarget target) {
    return new ReconciliationTable(target);
  }
}
