package dev.tenantpulse.collector.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantpulse.collector.web.ApiException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * API key management, behind the admin role ({@link AdminApiConfiguration}): create (the key is
 * shown once, in the answer), list (never hashes or keys), revoke.
 */
@RestController
@RequestMapping("/admin/keys")
class AdminKeysController {

  private static final Logger log = LoggerFactory.getLogger(AdminKeysController.class);
  private final JdbcApiKeyStore keys;

  AdminKeysController(JdbcApiKeyStore keys) {
    this.keys = keys;
  }

  @PostMapping
  ResponseEntity<CreatedKey> create(@RequestBody JsonNode body) {
    NewKeyRequest request = NewKeyRequest.from(body);
    NewApiKey created = keys.create(request.name(), request.tenantId());
    ApiKeyInfo info = created.info();
    log.info("created API key {} ({}, {} key)", info.id(), info.name(), info.scope());
    return ResponseEntity.created(URI.create("/admin/keys/" + info.id()))
        .body(
            new CreatedKey(
                info.id(),
                created.key(),
                info.name(),
                info.tenantId(),
                info.scope(),
                info.createdAt()));
  }

  @GetMapping
  KeyList list() {
    return new KeyList(keys.listAcrossTenants().stream().map(KeyView::of).toList());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id) {
    if (!keys.revoke(id)) {
      throw new ApiException(
          HttpStatus.NOT_FOUND, "unknown_key", "no API key has the id " + id, null, null);
    }
    log.info("revoked API key {}", id);
    return ResponseEntity.noContent().build();
  }

  /** The answer to a creation: the only time the key is ever shown. */
  record CreatedKey(
      String id,
      String key,
      String name,
      @JsonProperty("tenant_id") String tenantId,
      String scope,
      @JsonProperty("created_at") Instant createdAt) {}

  record KeyView(
      String id,
      String name,
      @JsonProperty("tenant_id") String tenantId,
      String scope,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("revoked_at") Instant revokedAt) {

    static KeyView of(ApiKeyInfo info) {
      return new KeyView(
          info.id(),
          info.name(),
          info.tenantId(),
          info.scope(),
          info.createdAt(),
          info.revokedAt());
    }
  }

  record KeyList(List<KeyView> keys) {}
}
