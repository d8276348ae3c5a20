package dev.tenantpulse.collector.auth;

import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.IdPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /admin/keys}: {@code {"name": "...", "tenant_id": "acme" | null}}.
 *
 * <p>Read by hand rather than bound, so that an unknown field is refused: a misspelt {@code
 * tenantId} silently bound as "no tenant" would create a key for every tenant.
 *
 * @param tenantId the one tenant the key may write; null (or absent) for a server key
 */
record NewKeyRequest(String name, String tenantId) {

  static final int MAX_NAME_LENGTH = 200; // api_keys.name
  private static final Set<String> FIELDS = Set.of("name", "tenant_id");

  /** The request in {@code body}, or a 400 naming every problem at once. */
  static NewKeyRequest from(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid(List.of("the body must be a JSON object {\"name\": …, \"tenant_id\": …}"));
    }
    List<String> problems = new ArrayList<>();
    for (String field : body.propertyNames()) {
      if (!FIELDS.contains(field)) {
        problems.add("unknown field '" + field + "' (expected name, tenant_id)");
      }
    }
    String name = null;
    JsonNode nameNode = body.get("name");
    if (nameNode == null || !nameNode.isString() || nameNode.asString().isBlank()) {
      problems.add("name: required, a non-blank string");
    } else if (nameNode.asString().strip().length() > MAX_NAME_LENGTH) {
      problems.add("name: at most " + MAX_NAME_LENGTH + " characters");
    } else if (nameNode.asString().chars().anyMatch(Character::isISOControl)) {
      problems.add("name: no control characters (it is logged)"); // no forged log lines
    } else {
      name = nameNode.asString().strip();
    }
    String tenantId = null;
    JsonNode tenantNode = body.get("tenant_id");
    if (tenantNode != null && !tenantNode.isNull()) {
      if (!tenantNode.isString() || !IdPattern.matches(tenantNode.asString())) {
        problems.add(
            "tenant_id: must match "
                + IdPattern.REGEX
                + ", or be null for a server key (all tenants)");
      } else {
        tenantId = tenantNode.asString();
      }
    }
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    return new NewKeyRequest(name, tenantId);
  }

  private static ApiException invalid(List<String> problems) {
    return new ApiException(
        org.springframework.http.HttpStatus.BAD_REQUEST,
        "invalid_key_request",
        String.join("; ", problems),
        null,
        Map.of("errors", problems));
  }
}
