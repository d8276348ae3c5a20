package dev.tenantpulse.alerting.rules;

/**
 * The process environment as rules documents see it: {@code System::getenv} in the service, a map
 * in tests. Deliberately not Spring's {@code Environment}, which would also reach every Spring
 * property (the datasource password, the admin token).
 */
@FunctionalInterface
public interface EnvironmentVariables {

  /** The variable's value, or null when it is not set. */
  String get(String name);

  static EnvironmentVariables ofProcess() {
    return System::getenv;
  }
}
