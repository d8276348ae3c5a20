package dev.tenantpulse.collector.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link AdminToken} in front of every admin path, known or not. */
@Configuration(proxyBeanMethods = false)
class AdminApiConfiguration implements WebMvcConfigurer {

  private final AdminToken adminToken;

  AdminApiConfiguration(AdminToken adminToken) {
    this.adminToken = adminToken;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(adminToken).addPathPatterns("/admin", "/admin/**");
  }
}
