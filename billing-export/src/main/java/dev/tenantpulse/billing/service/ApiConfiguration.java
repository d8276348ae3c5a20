package dev.tenantpulse.billing.service;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Permission;
import dev.tenantpulse.access.web.AccessGuard;
import dev.tenantpulse.access.web.AccessPolicy;
import java.nio.file.Path;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The shared access guard in front of {@code /api/**}: the admin token as a bearer token or a user
 * of the users file with HTTP Basic; neither set: the API is disabled (404 saying so).
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

  /**
   * Reading reconciliation and status is for every role; anything that changes who is billed or
   * sends to Stripe (customers, lifting a stop, a run or backfill) is an operator's, like a
   * recompute of the metric tables.
   */
  static final AccessPolicy POLICY =
      (method, path) ->
          method.equals("GET") || method.equals("HEAD")
              ? Permission.VIEW_DASHBOARDS
              : Permission.RECOMPUTE;

  private final AccessGuard guard;

  ApiConfiguration(BillingProperties p) {
    Credentials credentials =
        new Credentials(
            p.adminToken(),
            p.usersFile().isBlank() ? null : new FileUserStore(Path.of(p.usersFile().strip())));
    this.guard =
        new AccessGuard(
            credentials,
            POLICY,
            new AccessGuard.Disabled(
                "api_disabled",
                "the billing API is disabled: set tenant-pulse.billing.admin-token"
                    + " (environment TENANT_PULSE_ADMIN_TOKEN) to enable it"));
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(guard).addPathPatterns("/api", "/api/**");
  }
}
