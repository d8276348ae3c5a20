package dev.tenantpulse.standalone.console;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.Permission;
import dev.tenantpulse.access.web.AccessGuard;
import dev.tenantpulse.access.web.AccessPolicy;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the shared access guard in front of every API path, known or not. */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

  /**
   * SQL for analysts, pipeline status for every role, keys, recomputes and users for admins; a path
   * not named here (a new endpoint, an odd spelling) is for admins until it is named.
   */
  static final AccessPolicy POLICY =
      (method, path) -> {
        if (path.equals("/api/sql")) {
          return Permission.RUN_SQL;
        }
        if (path.equals("/api/pipeline")) {
          return Permission.VIEW_DASHBOARDS;
        }
        if (under(path, "/api/keys")) {
          return Permission.MANAGE_KEYS;
        }
        if (under(path, "/api/recompute")) {
          return Permission.RECOMPUTE;
        }
        return Permission.MANAGE_USERS;
      };

  private final Credentials credentials;

  ConsoleWebConfiguration(Credentials credentials) {
    this.credentials = credentials;
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(
            new AccessGuard(
                credentials,
                POLICY,
                new AccessGuard.Disabled(
                    "api_disabled", "the console has no admin token and no users")))
        .addPathPatterns("/api", "/api/**");
  }
}
