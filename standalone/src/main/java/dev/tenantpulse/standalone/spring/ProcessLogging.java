package dev.tenantpulse.standalone.spring;

import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

/**
 * One logging configuration for the whole process: the standalone module's {@code logback.xml}.
 * Spring Boot's logging system is switched off (each application start would reset logback), so
 * what it would do is done here once: {@code java.util.logging} (Tomcat, parts of Flink) is routed
 * to SLF4J.
 */
public final class ProcessLogging {

  private ProcessLogging() {}

  public static synchronized void install() {
    System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
