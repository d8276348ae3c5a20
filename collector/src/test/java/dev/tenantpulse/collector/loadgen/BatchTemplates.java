package dev.tenantpulse.collector.loadgen;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Request bodies of the native API ({@code {"events": [...]}}) that look like a SaaS backend's
 * traffic: activity, feature use, usage and onboarding events of many tenants and their users,
 * about 250 bytes each, all derived from one seed (the same seed gives the same events; only their
 * timestamps follow the {@code now} they are built at).
 *
 * <p>Built once as a small pool of templates, because the load generator shares the CPU with what
 * it measures: per request it only copies a template and writes the request's sequence number into
 * the fixed-width digits of every event id ({@link #render}), so every event id of a run is unique
 * without building JSON on the hot path.
 */
public final class BatchTemplates {

  /** Event ids are {@code <tag>-<10-digit request sequence>-<3-digit index>}. */
  static final int SEQUENCE_DIGITS = 10;

  private static final String[] FEATURES = {
    "basic_reports",
    "advanced_reports",
    "api_access",
    "webhooks",
    "sso",
    "audit_logs",
    "custom_domain",
    "email_support",
    "bulk_export",
    "ai_summaries"
  };
  private static final String[] STEPS = {
    "account_created", "team_invited", "data_connected", "first_value", "completed"
  };
  private static final String[] PAGES = {
    "/dashboard", "/reports/weekly", "/settings/team", "/integrations", "/billing", "/projects/42"
  };
  private static final String[] CLIENTS = {"web", "ios", "android", "api"};
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-southeast-2"};

  private final byte[][] templates;
  private final int[][] sequenceOffsets;
  private final int batchSize;
  private final double meanEventBytes;

  /**
   * @param seed the same seed gives the same bodies
   * @param batchSize events per request (1 to 999)
   * @param tenants distinct tenant ids the events spread over
   * @param pool distinct templates; requests cycle through them
   * @param now timestamps fall in the hour before it (the contract refuses the future)
   */
  public BatchTemplates(long seed, int batchSize, int tenants, int pool, Instant now) {
    if (batchSize < 1 || batchSize > 999) {
      throw new IllegalArgumentException("batch size must be 1 to 999, got " + batchSize);
    }
    if (tenants < 1 || pool < 1) {
      throw new IllegalArgumentException("tenants and pool must be at least 1");
    }
    this.batchSize = batchSize;
    SplittableRandom random = new SplittableRandom(seed);
    String tag = Long.toString(Math.abs(seed % 46_656), 36); // short, per seed
    templates = new byte[pool][];
    sequenceOffsets = new int[pool][];
    long eventBytes = 0;
    for (int p = 0; p < pool; p++) {
      StringBuilder json = new StringBuilder(batchSize * 280).append("{\"events\":[");
      List<Integer> offsets = new ArrayList<>(batchSize);
      for (int i = 0; i < batchSize; i++) {
        if (i > 0) {
          json.append(',');
        }
        int start = json.length();
        offsets.add(appendEvent(json, random, tag, i, tenants, now));
        eventBytes += json.length() - start;
      }
      json.append("]}");
      templates[p] = json.toString().getBytes(StandardCharsets.US_ASCII);
      sequenceOffsets[p] = offsets.stream().mapToInt(Integer::intValue).toArray();
    }
    meanEventBytes = (double) eventBytes / ((long) pool * batchSize);
  }

  /** Appends one event; answers where the sequence digits of its id start. */
  private static int appendEvent(
      StringBuilder json,
      SplittableRandom random,
      String tag,
      int index,
      int tenants,
      Instant now) {
    int tenant = random.nextInt(tenants);
    String tenantId = "tenant-%05d".formatted(tenant);
    String userId = "user-%05d-%03d".formatted(tenant, random.nextInt(40));
    Instant at = now.minusMillis(random.nextLong(3_600_000)).truncatedTo(ChronoUnit.MILLIS);
    json.append("{\"id\":\"").append(tag).append('-');
    int sequenceAt = json.length();
    json.append("0".repeat(SEQUENCE_DIGITS)).append("-%03d".formatted(index));
    int kind = random.nextInt(100);
    String type =
        kind < 50
            ? "activity"
            : kind < 75 ? "feature_used" : kind < 90 ? "usage" : "onboarding_step";
    json.append("\",\"type\":\"").append(type);
    json.append("\",\"tenant_id\":\"").append(tenantId);
    json.append("\",\"timestamp\":\"").append(at);
    json.append("\",\"user_id\":\"").append(userId).append('"');
    String session = "s-" + Long.toHexString(random.nextLong() >>> 16);
    String version = "\"app_version\":\"4." + random.nextInt(20) + "." + random.nextInt(10) + "\",";
    switch (type) {
      case "activity" ->
          json.append(",\"properties\":{")
              .append(version)
              .append("\"page\":\"")
              .append(PAGES[random.nextInt(PAGES.length)])
              .append("\",\"client\":\"")
              .append(CLIENTS[random.nextInt(CLIENTS.length)])
              .append("\",\"session\":\"")
              .append(session)
              .append("\",\"duration_ms\":")
              .append(random.nextInt(60_000))
              .append('}');
      case "feature_used" ->
          json.append(",\"feature\":\"")
              .append(FEATURES[random.nextInt(FEATURES.length)])
              .append("\",\"properties\":{")
              .append(version)
              .append("\"client\":\"")
              .append(CLIENTS[random.nextInt(CLIENTS.length)])
              .append("\",\"session\":\"")
              .append(session)
              .append("\"}");
      case "usage" ->
          json.append(",\"meter\":\"api_calls\",\"quantity\":")
              .append(1 + random.nextInt(5_000))
              .append(",\"properties\":{")
              .append(version)
              .append("\"region\":\"")
              .append(REGIONS[random.nextInt(REGIONS.length)])
              .append("\",\"endpoint\":\"/v1/orders\"}");
      default ->
          json.append(",\"step\":\"")
              .append(STEPS[random.nextInt(STEPS.length)])
              .append("\",\"properties\":{")
              .append(version)
              .append("\"client\":\"")
              .append(CLIENTS[random.nextInt(CLIENTS.length)])
              .append("\",\"invited\":")
              .append(random.nextInt(12))
              .append('}');
    }
    json.append('}');
    return sequenceAt;
  }

  public int batchSize() {
    return batchSize;
  }

  /** The mean size of one event's JSON, in bytes. */
  public double meanEventBytes() {
    return meanEventBytes;
  }

  /** The largest body, so a caller can size one reusable buffer. */
  public int maxBodyBytes() {
    int max = 0;
    for (byte[] t : templates) {
      max = Math.max(max, t.length);
    }
    return max;
  }

  /**
   * Writes the body of request number {@code sequence} into {@code into} (at least {@link
   * #maxBodyBytes()} long) and answers its length.
   */
  public int render(long sequence, byte[] into) {
    int p = (int) Math.floorMod(sequence, (long) templates.length);
    byte[] template = templates[p];
    System.arraycopy(template, 0, into, 0, template.length);
    long value = Math.floorMod(sequence, 10_000_000_000L);
    for (int offset : sequenceOffsets[p]) {
      long v = value;
      for (int d = SEQUENCE_DIGITS - 1; d >= 0; d--) {
        into[offset + d] = (byte) ('0' + (v % 10));
        v /= 10;
      }
    }
    return template.length;
  }

  /** The body of request number {@code sequence} as a new array. */
  public byte[] render(long sequence) {
    byte[] body =
        new byte[templates[(int) Math.floorMod(sequence, (long) templates.length)].length];
    render(sequence, body);
    return body;
  }
}
