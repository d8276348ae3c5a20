package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.EventValidator;
import dev.tenantpulse.tenancy.events.FieldProblem;
import dev.tenantpulse.tenancy.events.IdPattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Segment batch as native events, one per message at the same index, plus the messages the
 * mapping itself refuses ({@link SegmentMessage}).
 *
 * <p>A {@code group} call with a plan is the tenant's {@code tenant_signed_up} the first time its
 * plan is seen, else {@code plan_changed}. "First time": the collector has no plan recorded for the
 * tenant ({@code planKnown}), and it is the first such call of the batch that would be accepted (a
 * first call refused for, say, an unknown plan must not leave the tenant without a signup). Two
 * batches for the same new tenant in flight at once may both produce a signup; the metrics use a
 * tenant's first signup, so that costs nothing but a duplicate lifecycle row.
 */
final class SegmentMapper {

  private final EventValidator validator;
  private final Predicate<String> planKnown;

  /**
   * @param planKnown whether the collector has recorded a plan for a tenant (it has seen its signup
   *     or a plan change)
   */
  SegmentMapper(EventValidator validator, Predicate<String> planKnown) {
    this.validator = validator;
    this.planKnown = planKnown;
  }

  /**
   * The events of {@code messages} (the body's {@code batch} array) sent with the batch-level
   * {@code context}.
   */
  Mapped map(List<JsonNode> messages, JsonNode batchContext, Instant receivedAt) {
    return map(messages, new SegmentEnvelope(batchContext, null, null, receivedAt));
  }

  /** The events of {@code messages} sent in {@code envelope}. */
  Mapped map(List<JsonNode> messages, SegmentEnvelope envelope) {
    Instant receivedAt = envelope.receivedAt();
    List<JsonNode> events = new ArrayList<>(messages.size());
    Map<Integer, List<FieldProblem>> refused = new HashMap<>();
    Map<String, Boolean> known = new HashMap<>();
    Set<String> signedUp = new HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      SegmentMessage message = SegmentMessage.map(messages.get(i), envelope);
      events.add(message.event());
      if (!message.problems().isEmpty()) {
        refused.put(i, message.problems());
      } else if (message.carriesPlan()) {
        decideSignup(message.event(), receivedAt, known, signedUp);
      }
    }
    return new Mapped(events, refused);
  }

  private void decideSignup(
      ObjectNode event, Instant receivedAt, Map<String, Boolean> known, Set<String> signedUp) {
    JsonNode tenantNode = event.get("tenant_id");
    String tenant = tenantNode.isString() ? tenantNode.stringValue() : null;
    // Only a well-formed tenant reaches the plan store; anything else is refused by the validator.
    if (tenant == null || !IdPattern.matches(tenant) || signedUp.contains(tenant)) {
      return;
    }
    if (known.computeIfAbsent(tenant, planKnown::test)) {
      return;
    }
    event.put("type", EventType.TENANT_SIGNED_UP.wireName());
    if (validator.validate(event, receivedAt).isValid()) {
      signedUp.add(tenant);
    } else {
      event.put("type", EventType.PLAN_CHANGED.wireName());
    }
  }

  /**
   * @param events one native event (JSON object) per message, same order
   * @param refused problems of the messages the mapping refused, by index
   */
  record Mapped(List<JsonNode> events, Map<Integer, List<FieldProblem>> refused) {}
}
