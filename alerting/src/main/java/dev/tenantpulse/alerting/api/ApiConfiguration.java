package dev.tenantpulse.alerting.api;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.web.AccessGuard;
import dev.tenantpulse.access.web.AccessPolicy;
import dev.tenantpulse.alerting.AlertingProperties;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the shared access guard in front of every API path, known or not: the admin token ({@code
 * tenant-pulse.alerting.admin-token}) as a bearer token, or a user of the users file with HTTP
 * Basic. Without either the API is disabled (404, saying so): no default credential can be left in
 * production.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ApiConfiguration.class);

  /** Who may do what: {@link AlertingAccessPolicy#POLICY}. */
  static final AccessPolicy POLICY = AlertingAccessPolicy.POLICY;

  private final AccessGuard guard;

  ApiConfiguration(AlertingProperties properties) {
    String token = properties.adminToken();
    String usersFile = properties.usersFile();
    Credentials credentials =
        new Credentials(
            token, usersFile.isBlank() ? null : new FileUserStore(Path.of(usersFile.strip())));
    if (!credentials.enabled()) {
      log.info("alerting API disabled: tenant-pulse.alerting.admin-token is empty");
    } else if (!token.isBlank() && token.strip().length() < 16) {
      log.warn("tenant-pulse.alerting.admin-token is shorter than 16 characters: use a random one");
    }
    this.guard =
        new AccessGuard(
            credentials,
            POLICY,
            new AccessGuard.Disabled(
                "api_disabled",
                "the alerting API is disabled: set tenant-pulse.alerting.admin-token"
                    + " (environment TENANT_PULSE_ADMIN_TOKEN) to enable it"));
  }

  AccessGuard guard() {
    return guard;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(guard).addPathPatterns("/api", "/api/**");
  }
}
