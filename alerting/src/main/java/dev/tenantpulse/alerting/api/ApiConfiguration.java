package dev.tenantpulse.alerting.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link AdminToken} in front of every API path, known or not. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

  private final AdminToken adminToken;

  ApiConfiguration(AdminToken adminToken) {
    this.adminToken = adminToken;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(adminToken).addPathPatterns("/api", "/api/**");
  }
}
