package dev.tenantpulse.tenancy.events;

import static dev.tenantpulse.tenancy.events.FieldReader.OPTIONAL;
import static dev.tenantpulse.tenancy.events.FieldReader.REQUIRED;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Checks one raw event (a JSON tree as received) against the event contract and the catalog.
 *
 * <p>Returns the event or every problem at once and never throws for bad input: one response should
 * tell a sender everything to fix. A field always obeys its rule when present, and is additionally
 * required by the types that need it. Unknown top-level fields are ignored, so senders can add
 * fields before the contract does. Thread-safe.
 */
public final class EventValidator {

  private static final List<String> TYPES = EventType.wireNames();
  private static final List<String> BILLING_MODELS = BillingModel.wireNames();
  private static final List<String> TENANCY_MODELS = TenancyModel.wireNames();

  private final PlanCatalog catalog;
  private final Instant earliestTimestamp;

  /** A validator accepting timestamps from {@link EventLimits#EARLIEST_TIMESTAMP} on. */
  public EventValidator(PlanCatalog catalog) {
    this(catalog, EventLimits.EARLIEST_TIMESTAMP);
  }

  /**
   * A validator refusing events whose timestamp is before {@code earliestTimestamp}, which must be
   * storable: in [{@link EventLimits#STORABLE_FROM}, {@link EventLimits#STORABLE_UNTIL}).
   */
  public EventValidator(PlanCatalog catalog, Instant earliestTimestamp) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(earliestTimestamp, "earliestTimestamp");
    if (earliestTimestamp.isBefore(EventLimits.STORABLE_FROM)
        || !earliestTimestamp.isBefore(EventLimits.STORABLE_UNTIL)) {
      throw new IllegalArgumentException(
          "the earliest accepted timestamp must lie between "
              + EventLimits.STORABLE_FROM
              + " and "
              + EventLimits.STORABLE_UNTIL
              + " (exclusive), what the warehouse can store; got "
              + earliestTimestamp);
    }
    this.earliestTimestamp = earliestTimestamp;
  }

  /** The earliest event timestamp this validator accepts. */
  public Instant earliestTimestamp() {
    return earliestTimestamp;
  }

  /**
   * Validates {@code raw} as received at {@code receivedAt} (the bound for future timestamps; the
   * earliest is the validator's).
   */
  public ValidationResult validate(JsonNode raw, Instant receivedAt) {
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (raw == null || !raw.isObject()) {
      return ValidationResult.invalid(
          List.of(
              new FieldProblem(
                  FieldProblem.EVENT, "must be a JSON object, got " + EventJson.kind(raw))));
    }
    return validate(new FieldReader(raw), receivedAt);
  }

  /**
   * Validates an event captured from a token stream, exactly as {@link #validate(JsonNode,
   * Instant)} validates the same event parsed into a tree.
   */
  public ValidationResult validateStreamed(StreamedEvent raw, Instant receivedAt) {
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (!raw.isObject()) {
      return ValidationResult.invalid(
          List.of(
              new FieldProblem(FieldProblem.EVENT, "must be a JSON object, got " + raw.kind())));
    }
    return validate(new FieldReader(raw.fields()), receivedAt);
  }

  private ValidationResult validate(FieldReader in, Instant receivedAt) {
    String id = length(in, "id", in.string("id", REQUIRED));
    EventType type = in.wireName("type", REQUIRED, EventType::fromWire, TYPES);
    String tenantId = pattern(in, "tenant_id", in.string("tenant_id", REQUIRED));
    Instant timestamp = TimestampRule.read(in, "timestamp", earliestTimestamp, receivedAt);
    String userId = length(in, "user_id", in.string("user_id", OPTIONAL));
    String feature =
        pattern(in, "feature", in.string("feature", requiredFor(type, EventType.FEATURE_USED)));
    String step = step(in, in.string("step", requiredFor(type, EventType.ONBOARDING_STEP)));
    String meter = pattern(in, "meter", in.string("meter", requiredFor(type, EventType.USAGE)));
    Double quantity = quantity(in, in.number("quantity", requiredFor(type, EventType.USAGE)));
    String planRequiredFor =
        type != null && type.carriesPlan() ? type.wireName() + " events" : null;
    String plan = plan(in, in.string("plan", planRequiredFor));
    BillingModel billingModel =
        in.wireName("billing_model", OPTIONAL, BillingModel::fromWire, BILLING_MODELS);
    TenancyModel tenancyModel =
        in.wireName("tenancy_model", OPTIONAL, TenancyModel::fromWire, TENANCY_MODELS);
    Integer seats = in.integer("seats");
    if (seats != null && seats < 0) {
      in.problem("seats", "must be >= 0, got " + seats);
    }
    String properties = in.object("properties");
    String stripeCustomerId = stripeCustomerId(in, type, in.string("stripe_customer_id", OPTIONAL));
    if (!in.problems().isEmpty()) {
      return ValidationResult.invalid(in.problems());
    }
    return ValidationResult.valid(
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
            stripeCustomerId));
  }

  /**
   * Whether {@code feature} is in the catalog. Events with other features are valid (products ship
   * features before the catalog names them); callers report them so the catalog can catch up.
   */
  public boolean isCatalogFeature(String feature) {
    return catalog.isKnownFeature(feature);
  }

  private static String requiredFor(EventType actual, EventType needing) {
    return actual == needing ? needing.wireName() + " events" : null;
  }

  private static String length(FieldReader in, String field, String value) {
    if (value == null) {
      return null;
    }
    // Code points, not UTF-16 units: a sender counting characters must not be refused for emoji.
    int length = value.codePointCount(0, value.length());
    if (length < 1 || length > EventLimits.MAX_ID_LENGTH) {
      in.problem(field, "must be 1 to " + EventLimits.MAX_ID_LENGTH + " characters, got " + length);
      return null;
    }
    if (value.isBlank()) {
      // Whitespace-only ids are always a sender bug (an unset template variable), never an id.
      in.problem(field, "must not be blank");
      return null;
    }
    return value;
  }

  private static String pattern(FieldReader in, String field, String value) {
    if (value != null && !IdPattern.matches(value)) {
      in.problem(field, "must match " + IdPattern.REGEX + ", got " + FieldReader.echo(value));
      return null;
    }
    return value;
  }

  private String step(FieldReader in, String step) {
    if (step != null && !catalog.isKnownStep(step)) {
      in.problem(
          "step",
          "must be an onboarding step of the catalog, in order: "
              + String.join(", ", catalog.onboardingSteps())
              + "; got "
              + FieldReader.echo(step));
      return null;
    }
    return step;
  }

  private String plan(FieldReader in, String plan) {
    if (plan != null && !catalog.isKnownPlan(plan)) {
      in.problem(
          "plan",
          "must be a catalog plan: "
              + String.join(", ", catalog.planIds())
              + "; got "
              + FieldReader.echo(plan));
      return null;
    }
    return plan;
  }

  /**
   * Only signups and plan changes may name who Stripe bills: those are server-key events already,
   * so a client key can never point a tenant's usage at another customer.
   */
  private static String stripeCustomerId(FieldReader in, EventType type, String value) {
    if (value == null) {
      return null;
    }
    if (type != null && !type.carriesPlan()) {
      in.problem(
          "stripe_customer_id",
          "is accepted only on tenant_signed_up and plan_changed events (server keys)");
      return null;
    }
    if (!StripeCustomerId.matches(value)) {
      in.problem(
          "stripe_customer_id",
          "must match " + StripeCustomerId.REGEX + ", got " + FieldReader.echo(value));
      return null;
    }
    return value;
  }

  private static Double quantity(FieldReader in, Double quantity) {
    if (quantity != null && (!Double.isFinite(quantity) || quantity < 0)) {
      in.problem("quantity", "must be a finite number >= 0, got " + quantity);
      return null;
    }
    return quantity;
  }
}
