package dev.tenantpulse.alerting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Alerting: rules evaluated on the metric tables, alert state, silences, notifications. */
@SpringBootApplication
public class AlertingApplication {

  public static void main(String[] args) {
    SpringApplication.run(AlertingApplication.class, args);
  }
}
