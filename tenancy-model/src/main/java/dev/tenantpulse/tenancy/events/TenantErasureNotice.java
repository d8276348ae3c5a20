package dev.tenantpulse.tenancy.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record the collector writes to the events topic when a tenant is erased, so the streaming job
 * forgets the tenant: keyed by the tenant id like its events (it follows them on their partition),
 * marked by the header {@link #HEADER} = {@link #HEADER_VALUE} and never an event (no client can
 * send one: the collector writes only validated events as values without the header).
 *
 * <p>Value: {@code {"tenant_id": "...", "erased_at": "ISO-8601 instant"}}.
 */
public record TenantErasureNotice(String tenantId, Instant erasedAt) {

  /** The Kafka header naming a control record; events carry no headers. */
  public static final String HEADER = "tenant-pulse-control";

  /** The {@link #HEADER} value of an erasure notice. */
  public static final String HEADER_VALUE = "tenant-erased";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public TenantErasureNotice {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(erasedAt, "erasedAt");
    if (tenantId.isEmpty()) {
      throw new IllegalArgumentException("tenant id is empty");
    }
  }

  /** The header value as bytes, as Kafka carries it. */
  public static byte[] headerValue() {
    return HEADER_VALUE.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether a record's {@link #HEADER} value marks an erasure notice. */
  public static boolean isNotice(byte[] headerValue) {
    return headerValue != null
        && HEADER_VALUE.equals(new String(headerValue, StandardCharsets.UTF_8));
  }

  public byte[] encode() {
    ObjectNode node = JSON.createObjectNode();
    node.put("tenant_id", tenantId);
    node.put("erased_at", erasedAt.toString());
    return JSON.writeValueAsBytes(node);
  }

  /**
   * @throws IllegalArgumentException naming what is wrong with {@code value}
   */
  public static TenantErasureNotice decode(byte[] value) {
    JsonNode node;
    try {
      node = JSON.readTree(value == null ? new byte[0] : value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("erasure notice is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("erasure notice is not a JSON object");
    }
    JsonNode tenant = node.get("tenant_id");
    JsonNode at = node.get("erased_at");
    if (tenant == null || !tenant.isString() || tenant.asString().isEmpty()) {
      throw new IllegalArgumentException("erasure notice without tenant_id");
    }
    if (at == null || !at.isString()) {
      throw new IllegalArgumentException("erasure notice without erased_at");
    }
    try {
      return new TenantErasureNotice(tenant.asString(), Instant.parse(at.asString()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("erasure notice erased_at is not an instant");
    }
  }
}
