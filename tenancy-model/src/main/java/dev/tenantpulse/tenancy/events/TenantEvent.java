package dev.tenantpulse.tenancy.events;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One event of the contract, after validation: what the collector writes to Kafka and the Flink
 * jobs read.
 *
 * <p>Flat on purpose: Flink serialises records field by field with Kryo disabled, so every
 * component is a String, boxed number, enum or Instant; {@code properties} is kept as compact JSON
 * text rather than a map. Fields a type does not use are null. Times are instants (UTC); the
 * sender's offset is not kept.
 *
 * <p>The canonical constructor checks the values that are present (quantity, seats) but accepts
 * missing required fields, because Flink's record serializer may instantiate a record with null
 * components before filling it. The {@link Builder}, {@link EventValidator} and {@link EventCodec}
 * enforce the required fields ({@link #missingFields()}).
 *
 * @param userId the acting user, if any
 * @param quantity for {@code usage}: units of {@code meter}, finite and at least 0
 * @param seats for signup and plan change: seats bought, at least 0
 * @param properties free-form JSON object as canonical compact text (see {@link
 *     Builder#properties(String)})
 * @param stripeCustomerId for signup and plan change: the Stripe customer billed for the tenant's
 *     usage from then on ({@link StripeCustomerId}); null keeps the previous one
 */
public record TenantEvent(
    String id,
    EventType type,
    String tenantId,
    Instant timestamp,
    String userId,
    String feature,
    String step,
    String meter,
    Double quantity,
    String plan,
    BillingModel billingModel,
    TenancyModel tenancyModel,
    Integer seats,
    String properties,
    String stripeCustomerId) {

  public TenantEvent {
    if (quantity != null) {
      if (!Double.isFinite(quantity) || quantity < 0) {
        throw new IllegalArgumentException("quantity must be finite and >= 0, got " + quantity);
      }
      // -0.0 equals 0 for every sum but not for Double.equals; normalised so it round-trips.
      quantity = quantity == 0.0 ? 0.0 : quantity;
    }
    if (seats != null && seats < 0) {
      throw new IllegalArgumentException("seats must be >= 0, got " + seats);
    }
  }

  /** The contract fields (wire names) this event must carry but lacks; empty when complete. */
  public List<String> missingFields() {
    List<String> missing = new ArrayList<>();
    addIfNull(missing, "id", id);
    addIfNull(missing, "type", type);
    addIfNull(missing, "tenant_id", tenantId);
    addIfNull(missing, "timestamp", timestamp);
    if (type == EventType.FEATURE_USED) {
      addIfNull(missing, "feature", feature);
    } else if (type == EventType.ONBOARDING_STEP) {
      addIfNull(missing, "step", step);
    } else if (type == EventType.USAGE) {
      addIfNull(missing, "meter", meter);
      addIfNull(missing, "quantity", quantity);
    } else if (type != null && type.carriesPlan()) {
      addIfNull(missing, "plan", plan);
    }
    return missing;
  }

  private static void addIfNull(List<String> missing, String field, Object value) {
    if (value == null) {
      missing.add(field);
    }
  }

  /** A builder for an event of {@code type}; the four fields every event needs come first. */
  public static Builder builder(EventType type, String id, String tenantId, Instant timestamp) {
    return new Builder().type(type).id(id).tenantId(tenantId).timestamp(timestamp);
  }

  /** A builder holding this event's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = builder(type, id, tenantId, timestamp).userId(userId).feature(feature).step(step);
    b.meter(meter).quantity(quantity).plan(plan).billingModel(billingModel);
    b.properties = properties;
    return b.tenancyModel(tenancyModel).seats(seats).stripeCustomerId(stripeCustomerId);
  }

  /** Builds events for tests and for mappers (such as the Segment adapter); not thread-safe. */
  public static final class Builder {
    private String id;
    private EventType type;
    private String tenantId;
    private Instant timestamp;
    private String userId;
    private String feature;
    private String step;
    private String meter;
    private Double quantity;
    private String plan;
    private BillingModel billingModel;
    private TenancyModel tenancyModel;
    private Integer seats;
    private String properties;
    private String stripeCustomerId;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder type(EventType type) {
      this.type = type;
      return this;
    }

    public Builder tenantId(String tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    public Builder feature(String feature) {
      this.feature = feature;
      return this;
    }

    public Builder step(String step) {
      this.step = step;
      return this;
    }

    public Builder meter(String meter) {
      this.meter = meter;
      return this;
    }

    public Builder quantity(Double quantity) {
      this.quantity = quantity;
      return this;
    }

    public Builder plan(String plan) {
      this.plan = plan;
      return this;
    }

    public Builder billingModel(BillingModel billingModel) {
      this.billingModel = billingModel;
      return this;
    }

    public Builder tenancyModel(TenancyModel tenancyModel) {
      this.tenancyModel = tenancyModel;
      return this;
    }

    public Builder seats(Integer seats) {
      this.seats = seats;
      return this;
    }

    public Builder stripeCustomerId(String stripeCustomerId) {
      this.stripeCustomerId = stripeCustomerId;
      return this;
    }

    /**
     * Sets the properties from JSON object text (null clears them), stored in canonical compact
     * form so that equal objects give equal events; throws {@link IllegalArgumentException} if the
     * text is not one JSON object.
     */
    public Builder properties(String json) {
      this.properties = json == null ? null : EventJson.canonicalObject(json);
      return this;
    }

    /** The event; throws {@link IllegalArgumentException} naming missing required fields. */
    public TenantEvent build() {
      TenantEvent event =
          new TenantEvent(
              id,
              type,
              tenantId,
              timestamp,
              userId,
              feature,
              step,
              meter,
              quantity,
              plan,
              billingModel,
              tenancyModel,
              seats,
              properties,
              stripeCustomerId);
      List<String> missing = event.missingFields();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            (type == null ? "event" : type.wireName() + " event") + " lacks " + missing);
      }
      return event;
    }
  }
}
