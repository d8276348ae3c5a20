package dev.tenantpulse.billing.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local Stripe meter event endpoint on a real HTTP server: {@code POST /v1/billing/meter_events},
 * checked as Stripe checks it (bearer key, form encoding, the fields, whole-number values, a
 * timestamp within the past 35 days, a known customer) and deduplicated on {@code identifier} as
 * Stripe does (a repeat is answered as accepted and not counted). It keeps the sum of values per
 * customer, event name and timestamp, and counts concurrent calls per customer and event name
 * (Stripe allows one).
 *
 * <p>Faults on demand: {@link #failNext} queues answers (429, 500, a timeout that still records the
 * event, a dropped connection after recording it), and {@link #rateLimitShare} answers a share of
 * calls with 429 from a seeded random.
 */
public final class FakeStripe implements AutoCloseable {

  /** How the fake answers one call. */
  public enum Fault {
    /** 429 without recording. */
    RATE_LIMIT,
    /** 500 without recording. */
    SERVER_ERROR,
    /** Records the event, then answers after the client's timeout. */
    TIMEOUT_AFTER_ACCEPT,
    /** Records the event, then closes the connection without an answer. */
    DROP_AFTER_ACCEPT
  }

  public static final String KEY = "sk_test_fakeStripeKey123";
  private static final Set<String> FIELDS =
      Set.of(
          "event_name", "payload[stripe_customer_id]", "payload[value]", "identifier", "timestamp");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(32);
  private final Clock clock;
  private final Set<String> customers = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> identifiers = new HashMap<>();
  private final Map<String, TreeMap<Long, Long>> sums = new HashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger concurrencyViolations = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final List<String> refusals =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  private volatile double rateLimitShare;
  private volatile Duration hang = Duration.ofSeconds(3);
  private final Random random = new Random(15);

  public FakeStripe(Clock clock) throws IOException {
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/billing/meter_events", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Customers Stripe knows; an event for another is refused with 400. */
  public FakeStripe customers(String... ids) {
    customers.addAll(List.of(ids));
    return this;
  }

  public synchronized FakeStripe failNext(Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
    return this;
  }

  public FakeStripe rateLimitShare(double share) {
    this.rateLimitShare = share;
    return this;
  }

  /** How long a timed-out call hangs before its late answer (longer than the client's timeout). */
  public FakeStripe hang(Duration hang) {
    this.hang = hang;
    return this;
  }

  /** Sum of values per event timestamp (epoch s) of a customer's meter. */
  public synchronized Map<Long, Long> sums(String customerId, String eventName) {
    return Map.copyOf(sums.getOrDefault(customerId + "|" + eventName, new TreeMap<>()));
  }

  /** Every (customer|event name) → (timestamp → sum). */
  public synchronized Map<String, Map<Long, Long>> allSums() {
    Map<String, Map<Long, Long>> copy = new TreeMap<>();
    sums.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    return copy;
  }

  public long calls() {
    return calls.get();
  }

  public long rateLimited() {
    return rateLimited.get();
  }

  public long accepted() {
    return accepted.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  public int concurrencyViolations() {
    return concurrencyViolations.get();
  }

  public List<String> refusals() {
    return List.copyOf(refusals);
  }

  private synchronized Fault nextFault() {
    Fault f = faults.poll();
    if (f == null && rateLimitShare > 0 && random.nextDouble() < rateLimitShare) {
      return Fault.RATE_LIMIT;
    }
    return f;
  }

  private void handle(HttpExchange ex) throws IOException {
    calls.incrementAndGet();
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        answer(ex, 405, error("invalid_request_error", "POST only"));
        return;
      }
      if (!("Bearer " + KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        answer(ex, 401, error("invalid_request_error", "Invalid API Key provided"));
        return;
      }
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
        answer(ex, 400, error("invalid_request_error", "body must be form-encoded"));
        return;
      }
      Map<String, String> form;
      try {
        form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        refuse(ex, e.getMessage());
        return;
      }
      String problem = check(form);
      if (problem != null) {
        refuse(ex, problem);
        return;
      }
      String meterKey = form.get("payload[stripe_customer_id]") + "|" + form.get("event_name");
      int status;
      String body;
      Fault fault;
      AtomicInteger flying = inFlight.computeIfAbsent(meterKey, k -> new AtomicInteger());
      if (flying.incrementAndGet() > 1) {
        concurrencyViolations.incrementAndGet();
      }
      try {
        fault = nextFault();
        if (fault == Fault.RATE_LIMIT) {
          rateLimited.incrementAndGet();
          status = 429;
          body = error("rate_limit", "Too many requests hit the API too quickly.");
        } else if (fault == Fault.SERVER_ERROR) {
          status = 500;
          body = error("api_error", "Something went wrong on Stripe's end.");
        } else {
          // Stay "in flight" a moment, so overlapping calls of one customer and meter would show.
          Thread.sleep(1);
          record(form, meterKey);
          status = 200;
          body =
              "{\"object\":\"billing.meter_event\",\"identifier\":\""
                  + form.get("identifier")
                  + "\"}";
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        // Before the answer leaves: once the client has it, it may rightly send the next call.
        flying.decrementAndGet();
      }
      if (fault == Fault.TIMEOUT_AFTER_ACCEPT) {
        try {
          Thread.sleep(hang.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      } else if (fault == Fault.DROP_AFTER_ACCEPT) {
        // An exception out of the handler makes the JDK server close the connection unanswered.
        throw new IOException("dropping the connection after accepting");
      }
      answer(ex, status, body);
    }
  }

  private synchronized void record(Map<String, String> form, String meterKey) {
    String identifier = form.get("identifier");
    if (identifiers.containsKey(identifier)) {
      duplicates.incrementAndGet();
      return;
    }
    long value = Long.parseLong(form.get("payload[value]"));
    identifiers.put(identifier, value);
    accepted.incrementAndGet();
    sums.computeIfAbsent(meterKey, k -> new TreeMap<>())
        .merge(Long.parseLong(form.get("timestamp")), value, Long::sum);
  }

  private String check(Map<String, String> form) {
    if (!FIELDS.equals(form.keySet())) {
      return "fields must be exactly " + FIELDS + ", got " + form.keySet();
    }
    String identifier = form.get("identifier");
    if (identifier.isEmpty() || identifier.length() > 100) {
      return "identifier must be 1 to 100 characters";
    }
    String name = form.get("event_name");
    if (name.isEmpty() || name.length() > 100) {
      return "event_name must be 1 to 100 characters";
    }
    try {
      Long.parseLong(form.get("payload[value]"));
    } catch (NumberFormatException e) {
      return "payload[value] must be a whole number, got " + form.get("payload[value]");
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(form.get("timestamp"));
    } catch (NumberFormatException e) {
      return "timestamp must be epoch seconds";
    }
    long now = clock.instant().getEpochSecond();
    if (timestamp < now - Duration.ofDays(35).toSeconds() || timestamp > now + 300) {
      return "timestamp must be within the past 35 days and at most 5 minutes ahead";
    }
    if (!customers.contains(form.get("payload[stripe_customer_id]"))) {
      return "No such customer: '" + form.get("payload[stripe_customer_id]") + "'";
    }
    return null;
  }

  private void refuse(HttpExchange ex, String message) throws IOException {
    refusals.add(message);
    answer(ex, 400, error("invalid_request_error", message));
  }

  /** Strict form decoding: every pair is key=value, keys once. */
  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not form encoding: " + pair);
      }
      String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (form.put(key, value) != null) {
        throw new IllegalArgumentException("field sent twice: " + key);
      }
    }
    return form;
  }

  private static String error(String type, String message) {
    return "{\"error\":{\"type\":\""
        + type
        + "\",\"message\":\""
        + message.replace("\"", "'")
        + "\"}}";
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
