package dev.tenantpulse.alerting.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Every log line of the JVM from {@link #start} to {@link #close}, from every thread (request
 * threads, the outbox dispatcher, housekeeping), with the messages and stack traces of their
 * exceptions: what an operator's log would hold.
 */
public final class CapturedLogs implements AutoCloseable {

  private final Queue<String> lines = new ConcurrentLinkedQueue<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          StringBuilder line =
              new StringBuilder()
                  .append(event.getLevel())
                  .append(' ')
                  .append(event.getLoggerName())
                  .append(": ")
                  .append(event.getFormattedMessage());
          for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append("\n  ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
              line.append("\n    ").append(frame.getSTEAsString());
            }
          }
          lines.add(line.toString());
        }
      };

  private CapturedLogs() {}

  public static CapturedLogs start() {
    CapturedLogs logs = new CapturedLogs();
    logs.appender.setContext(logs.root.getLoggerContext());
    logs.appender.setName("captured-by-test");
    logs.appender.start();
    logs.root.addAppender(logs.appender);
    return logs;
  }

  /** Everything logged so far, one event per line (exceptions indented under it). */
  public String text() {
    return String.join("\n", lines);
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
