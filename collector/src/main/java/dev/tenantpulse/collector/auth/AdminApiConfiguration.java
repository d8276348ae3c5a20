package dev.tenantpulse.collector.auth;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Permission;
import dev.tenantpulse.access.web.AccessGuard;
import dev.tenantpulse.access.web.AccessPolicy;
import dev.tenantpulse.collector.CollectorProperties;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the shared access guard in front of every admin path, known or not: the admin token ({@code
 * tenant-pulse.collector.admin-token}) as a bearer token, or an admin of the users file with HTTP
 * Basic. Everything under {@code /admin} is key management, so admins only. Without a token and
 * without a users file the admin API is disabled (404, saying so): no default credential can be
 * left in production.
 */
@Configuration(proxyBeanMethods = false)
class AdminApiConfiguration implements WebMvcConfigurer {

  private static final Logger log = LoggerFactory.getLogger(AdminApiConfiguration.class);
  private static final int RECOMMENDED_LENGTH = 16;

  private final AccessGuard guard;

  AdminApiConfiguration(CollectorProperties properties) {
    String token = properties.adminToken();
    String usersFile = properties.usersFile();
    Credentials credentials =
        new Credentials(
            token, usersFile.isBlank() ? null : new FileUserStore(Path.of(usersFile.strip())));
    if (!credentials.enabled()) {
      log.info("admin API disabled: tenant-pulse.collector.admin-token is empty");
    } else if (!token.isBlank() && token.strip().length() < RECOMMENDED_LENGTH) {
      log.warn(
          "tenant-pulse.collector.admin-token is shorter than {} characters: use a random one",
          RECOMMENDED_LENGTH);
    }
    this.guard =
        new AccessGuard(
            credentials,
            AccessPolicy.always(Permission.MANAGE_KEYS),
            new AccessGuard.Disabled(
                "admin_api_disabled",
                "the admin API is disabled: set tenant-pulse.collector.admin-token"
                    + " (environment TENANT_PULSE_ADMIN_TOKEN) to enable it"));
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(guard).addPathPatterns("/admin", "/admin/**");
  }
}
