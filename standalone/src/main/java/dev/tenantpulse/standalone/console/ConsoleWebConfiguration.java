package dev.tenantpulse.standalone.console;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.Permission;
import dev.tenantpulse.access.web.AccessGuard;
import dev.tenantpulse.access.web.AccessPolicy;
import dev.tenantpulse.access.web.BrowserSessions;
import dev.tenantpulse.alerting.api.AlertingAccessPolicy;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the shared access guard in front of every API path, known or not. */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

  private static final String ALERTING = "/api/alerting/";

  /**
   * Boards, the session and reading alerts for every role; changing alerts as the alerting API
   * asks; SQL for analysts, pipeline status for every role, keys, recomputes and users for admins;
   * a path not named here (a new endpoint, an odd spelling) is for admins until it is named.
   */
  static final AccessPolicy POLICY =
      (method, path) -> {
        if (path.equals("/api/session") || path.equals("/logout") || under(path, "/api/boards")) {
          return Permission.VIEW_DASHBOARDS;
        }
        if (path.startsWith(ALERTING)) {
          // the alerting API's own rule for the path it is passed on to
          return AlertingAccessPolicy.POLICY.required(
              method, "/api/" + path.substring(ALERTING.length()));
        }
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
  private final BrowserSessions sessions;

  ConsoleWebConfiguration(Credentials credentials, BrowserSessions sessions) {
    this.credentials = credentials;
    this.sessions = sessions;
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
                    "api_disabled", "the console has no admin token and no users"),
                sessions))
        .addPathPatterns("/api", "/api/**", "/logout");
  }

  /** The pages' scripts and styles; the pages themselves are served by {@code PagesController}. */
  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/assets/**")
        .addResourceLocations("classpath:/console-web/assets/")
        .setCacheControl(CacheControl.noCache());
  }
}
