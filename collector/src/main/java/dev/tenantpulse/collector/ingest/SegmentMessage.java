package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.FieldProblem;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Segment message ({@code track}, {@code identify}, {@code group}, {@code page}, {@code
 * screen}, {@code alias}) as an event of the native contract, per the design's mapping:
 *
 * <ul>
 *   <li>tenant: {@code context.groupId} (the message's, else the batch's), else {@code
 *       properties.tenant_id}, else the {@code groupId} of a {@code group} message;
 *   <li>id: {@code messageId}; user_id: {@code userId}, else {@code anonymousId}; timestamp: see
 *       {@link ClockSkew} (the client's time corrected by {@code sentAt}, else {@code timestamp},
 *       else {@code originalTimestamp}, else the receive time, as Segment does);
 *   <li>track "Feature Used" → {@code feature_used} ({@code properties.feature}), "Onboarding Step
 *       Completed" → {@code onboarding_step} ({@code properties.step}), "Usage Recorded" → {@code
 *       usage} ({@code properties.meter}, {@code properties.quantity}; our extension, Segment has
 *       no usage call);
 *   <li>group with trait {@code plan} → {@code plan_changed} (the batch decides which one is a
 *       signup, see {@link SegmentMapper}); traits {@code billing_model}, {@code tenancy_model},
 *       {@code seats} go along;
 *   <li>everything else → {@code activity}, with {@code properties.segment_type} (the call) and
 *       {@code properties.event} (the track's event or the page's/screen's name), because the
 *       native type alone would lose what happened.
 * </ul>
 *
 * <p>Traits other than those above are never copied: identify traits are user profile data (names,
 * e-mails) that the event contract has no place for. Values are copied as sent; the native
 * validator then judges them, so both APIs refuse the same things with the same reasons. Only what
 * the mapping itself needs (a known call type, a messageId, a tenant) is checked here, in Segment's
 * own field names.
 */
record SegmentMessage(ObjectNode event, List<FieldProblem> problems, boolean carriesPlan) {

  static final String FEATURE_USED = "Feature Used";
  static final String ONBOARDING_STEP_COMPLETED = "Onboarding Step Completed";
  static final String USAGE_RECORDED = "Usage Recorded";
  static final Set<String> CALLS = Set.of("track", "identify", "group", "page", "screen", "alias");

  /** Maps {@code message}, sent in {@code envelope}. */
  static SegmentMessage map(JsonNode message, SegmentEnvelope envelope) {
    JsonNode batchContext = envelope.context();
    Instant receivedAt = envelope.receivedAt();
    ObjectNode event = EventCodec.jsonMapper().createObjectNode();
    List<FieldProblem> problems = new ArrayList<>();
    if (message == null || !message.isObject()) {
      problems.add(
          new FieldProblem(
              FieldProblem.EVENT, "a Segment message must be a JSON object, got " + kind(message)));
      return new SegmentMessage(event, problems, false);
    }
    copy(message, "messageId", event, "id");
    if (!event.has("id")) {
      problems.add(new FieldProblem("id", "is required: send messageId (Segment SDKs set it)"));
    }
    String call = string(message, "type");
    String endpointCall = envelope.endpointCall();
    if (endpointCall != null && present(message, "type") == null) {
      call = endpointCall; // /v1/track and its kin name the call by their path
    } else if (endpointCall != null && !endpointCall.equals(call)) {
      problems.add(
          new FieldProblem(
              "type",
              "is "
                  + (call == null ? kind(message.get("type")) : '"' + cut(call) + '"')
                  + " but the message was posted to the "
                  + endpointCall
                  + " endpoint; post it to /v1/batch or to its own call's endpoint"));
      return new SegmentMessage(event, problems, false);
    }
    if (call == null || !CALLS.contains(call)) {
      problems.add(
          new FieldProblem(
              "type",
              "must be one of the Segment calls track, identify, group, page, screen, alias; got "
                  + (call == null ? kind(message.get("type")) : '"' + cut(call) + '"')));
      return new SegmentMessage(event, problems, false);
    }
    if (call.equals("track") && (string(message, "event") == null)) {
      problems.add(new FieldProblem("event", "is required for a track: the name of what happened"));
    }
    JsonNode tenant = tenant(message, batchContext, call);
    if (tenant == null) {
      problems.add(
          new FieldProblem(
              "tenant_id",
              "no tenant: set context.groupId, properties.tenant_id, or send a group call with"
                  + " groupId"));
    } else {
      event.set("tenant_id", tenant);
    }
    JsonNode timestamp = ClockSkew.corrected(message, envelope.sentAt(), receivedAt);
    if (timestamp == null) {
      timestamp = present(message, "timestamp");
    }
    if (timestamp == null) {
      timestamp = present(message, "originalTimestamp");
    }
    event.set(
        "timestamp",
        timestamp != null
            ? timestamp
            : event.stringNode(DateTimeFormatter.ISO_INSTANT.format(receivedAt)));
    JsonNode user = text(message, "userId");
    if (user == null) {
      user = text(message, "anonymousId");
    }
    if (user != null) {
      event.set("user_id", user);
    }
    boolean carriesPlan = mapType(call, message, event);
    return new SegmentMessage(event, problems, carriesPlan);
  }

  /** Sets type and its fields; answers whether this is a plan event (type decided later). */
  private static boolean mapType(String call, JsonNode message, ObjectNode event) {
    JsonNode properties = present(message, "properties");
    String name = string(message, call.equals("track") ? "event" : "name");
    if (call.equals("track") && FEATURE_USED.equals(name)) {
      event.put("type", EventType.FEATURE_USED.wireName());
      copy(properties, "feature", event, "feature");
    } else if (call.equals("track") && ONBOARDING_STEP_COMPLETED.equals(name)) {
      event.put("type", EventType.ONBOARDING_STEP.wireName());
      copy(properties, "step", event, "step");
    } else if (call.equals("track") && USAGE_RECORDED.equals(name)) {
      event.put("type", EventType.USAGE.wireName());
      copy(properties, "meter", event, "meter");
      copy(properties, "quantity", event, "quantity");
    } else if (call.equals("group") && present(message.path("traits"), "plan") != null) {
      JsonNode traits = message.get("traits");
      event.put("type", EventType.PLAN_CHANGED.wireName());
      for (String field : List.of("plan", "billing_model", "tenancy_model", "seats")) {
        copy(traits, field, event, field);
      }
      return true;
    } else {
      event.put("type", EventType.ACTIVITY.wireName());
      if (properties == null || properties.isObject()) {
        ObjectNode merged =
            properties == null ? event.objectNode() : ((ObjectNode) properties).deepCopy();
        merged.put("segment_type", call);
        if (name != null) {
          merged.put("event", name);
        }
        properties = merged;
      }
    }
    if (properties != null) {
      event.set("properties", properties); // not an object: the validator says so
    }
    return false;
  }

  /** The tenant by the design's precedence; null when no candidate is present. */
  private static JsonNode tenant(JsonNode message, JsonNode batchContext, String call) {
    JsonNode tenant = text(message.path("context"), "groupId");
    if (tenant == null && batchContext != null) {
      tenant = text(batchContext, "groupId");
    }
    if (tenant == null) {
      tenant = text(message.path("properties"), "tenant_id");
    }
    if (tenant == null && call.equals("group")) {
      tenant = text(message, "groupId");
    }
    return tenant;
  }

  /**
   * An id-like value: a non-blank string, or an integer turned into its text (SDKs of typed
   * languages send numeric ids); anything else present is passed on for the validator to refuse.
   */
  private static JsonNode text(JsonNode parent, String field) {
    JsonNode node = present(parent, field);
    if (node == null || (node.isString() && node.stringValue().isBlank())) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return EventCodec.jsonMapper().getNodeFactory().stringNode(node.asString());
    }
    return node;
  }

  /** The value when it is a non-blank string, else null. */
  private static String string(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    return node != null && node.isString() && !node.stringValue().isBlank()
        ? node.stringValue()
        : null;
  }

  static JsonNode present(JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }

  private static void copy(JsonNode from, String field, ObjectNode to, String as) {
    JsonNode node = present(from, field);
    if (node != null) {
      to.set(as, node);
    }
  }

  private static String kind(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String cut(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }
}
