package dev.tenantpulse.collector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The collector: tenant events over HTTP, validated and scoped, durably into Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CollectorApplication {

  public static void main(String[] args) {
    SpringApplication.run(CollectorApplication.class, args);
  }
}
