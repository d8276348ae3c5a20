package dev.tenantpulse.standalone.lifecycle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts services in order with one progress line each ({@code [1/6] Kafka broker (KRaft) … ready
 * in 3.2 s at 127.0.0.1:9092}) and stops the started ones in reverse order. A service that fails to
 * start stops the ones before it, so a failed start leaves nothing running and no lock held.
 */
public final class ServiceChain {

  private static final Logger log = LoggerFactory.getLogger(ServiceChain.class);

  private final List<Service> services;
  private final PrintStream out;
  private final Deque<Service> started = new ArrayDeque<>();
  private boolean stopped;

  public ServiceChain(List<Service> services, PrintStream out) {
    this.services = List.copyOf(services);
    this.out = out;
  }

  /**
   * Starts every service in order.
   *
   * @throws StartFailure naming the service that failed; those started before it are stopped
   */
  public synchronized void start() {
    int n = services.size();
    for (int i = 0; i < n; i++) {
      Service service = services.get(i);
      String prefix = String.format(Locale.ROOT, "[%d/%d] %s … ", i + 1, n, service.name());
      out.print(prefix);
      out.flush();
      long begin = System.nanoTime();
      Service.Started result;
      try {
        result = service.start();
      } catch (Exception | LinkageError e) {
        out.println("FAILED after " + seconds(System.nanoTime() - begin));
        log.error("{} failed to start", service.name(), e);
        StartFailure failure = new StartFailure(service.name(), e);
        stop();
        throw failure;
      }
      if (result.skipped()) {
        out.println("not started: " + result.where());
      } else {
        started.push(service);
        String where = result.where().isEmpty() ? "" : " at " + result.where();
        out.println("ready in " + seconds(System.nanoTime() - begin) + where);
      }
      out.flush();
    }
  }

  /** Stops the started services, newest first; a failure to stop one does not skip the others. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    while (!started.isEmpty()) {
      Service service = started.pop();
      long begin = System.nanoTime();
      try {
        service.stop();
        out.println("stopped " + service.name() + " in " + seconds(System.nanoTime() - begin));
      } catch (Exception | LinkageError e) {
        out.println("stopping " + service.name() + " failed: " + e.getMessage());
        log.error("{} failed to stop cleanly", service.name(), e);
      }
      out.flush();
    }
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", Duration.ofNanos(nanos).toMillis() / 1000.0);
  }

  /** A service that did not start; its cause says why. */
  public static final class StartFailure extends RuntimeException {
    private final String service;

    StartFailure(String service, Throwable cause) {
      super(service + " failed to start: " + rootMessage(cause), cause);
      this.service = service;
    }

    public String service() {
      return service;
    }

    private static String rootMessage(Throwable e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
        message += " (" + root.getMessage() + ")";
      }
      return message;
    }
  }
}
