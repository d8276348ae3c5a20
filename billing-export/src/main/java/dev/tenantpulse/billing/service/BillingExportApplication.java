package dev.tenantpulse.billing.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The billing export as a service of its own (deploy/) or inside the one-process runtime. */
@SpringBootApplication(scanBasePackages = "dev.tenantpulse.billing.service")
@ConfigurationPropertiesScan("dev.tenantpulse.billing.service")
public class BillingExportApplication {

  public static void main(String[] args) {
    SpringApplication.run(BillingExportApplication.class, args);
  }
}
