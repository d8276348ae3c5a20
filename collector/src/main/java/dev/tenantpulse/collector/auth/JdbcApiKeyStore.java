package dev.tenantpulse.collector.auth;

import dev.tenantpulse.collector.CollectorProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys in the metadata database (H2 file by default, PostgreSQL in production): id, SHA-256 of
 * the key, name, tenant (NULL for a server key), creation and revocation time. Authentication goes
 * through a {@link KeyCache}; logs name key ids, never keys.
 */
@Repository
public class JdbcApiKeyStore implements ApiKeyAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(JdbcApiKeyStore.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final KeyCache cache;

  @Autowired
  JdbcApiKeyStore(JdbcClient jdbc, CollectorProperties properties, Clock clock) {
    this(jdbc, properties.keyCacheTtl(), clock);
  }

  /** A store over {@code jdbc}; two instances over one database behave as two replicas. */
  public JdbcApiKeyStore(JdbcClient jdbc, Duration cacheTtl, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.cache = new KeyCache(cacheTtl, clock);
  }

  @Override
  public Optional<ApiKeyPrincipal> authenticate(String key) {
    return cache.get(ApiKeyHashing.hash(key), () -> load(key));
  }

  private Optional<ApiKeyPrincipal> load(String key) {
    String keyId = ApiKeyHashing.keyId(key);
    Optional<ApiKeyPrincipal> found =
        jdbc
            .sql(
                "SELECT key_id, key_hash, name, tenant_id FROM api_keys"
                    + " WHERE key_id = ? AND revoked_at IS NULL")
            .param(keyId)
            .query(StoredKey.class)
            .list()
            .stream()
            .filter(row -> ApiKeyHashing.matches(key, row.keyHash()))
            .findFirst()
            .map(row -> new ApiKeyPrincipal(row.keyId(), row.name(), row.tenantId()));
    if (found.isEmpty()) {
      log.debug("refused unknown or revoked API key {}", keyId);
    }
    return found;
  }

  /** Stores {@code key} (hashed) unless a key with its id exists; answers whether it was added. */
  public boolean add(String key, String name, String tenantId) {
    String keyId = ApiKeyHashing.keyId(key);
    if (jdbc.sql("SELECT count(*) FROM api_keys WHERE key_id = ?")
            .param(keyId)
            .query(Integer.class)
            .single()
        > 0) {
      return false; // also when it was revoked: a restart never revives a revoked seed key
    }
    insert(keyId, key, name, tenantId, clock.instant());
    return true;
  }

  /** Generates, stores and returns a new key for {@code tenantId} (null: a server key). */
  public NewApiKey create(String name, String tenantId) {
    String key = ApiKeyHashing.newKey();
    String keyId = ApiKeyHashing.keyId(key);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    insert(keyId, key, name, tenantId, now);
    return new NewApiKey(key, new ApiKeyInfo(keyId, name, tenantId, now, null));
  }

  /** Every key, valid or revoked, oldest first: across all tenants, for the admin API. */
  public List<ApiKeyInfo> listAcrossTenants() {
    return jdbc.sql(
            "SELECT key_id, name, tenant_id, created_at, revoked_at FROM api_keys"
                + " ORDER BY created_at, key_id")
        .query(JdbcApiKeyStore::info)
        .list();
  }

  /**
   * Revokes key {@code keyId} (a second revocation keeps the first time) and forgets it in this
   * replica at once; answers false when no such key exists.
   */
  public boolean revoke(String keyId) {
    int updated =
        jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL")
            .params(utc(clock.instant()), keyId)
            .update();
    cache.evict(keyId);
    if (updated > 0) {
      return true;
    }
    return jdbc.sql("SELECT count(*) FROM api_keys WHERE key_id = ?")
            .param(keyId)
            .query(Integer.class)
            .single()
        > 0;
  }

  /**
   * Deletes every key of {@code tenantId} (erasure: revoked keys too, as they name the tenant) and
   * forgets each in this replica at once; answers how many were deleted. Server keys name no tenant
   * and stay.
   */
  public int deleteTenantKeys(String tenantId) {
    List<String> ids =
        jdbc.sql("SELECT key_id FROM api_keys WHERE tenant_id = ?")
            .param(tenantId)
            .query(String.class)
            .list();
    int deleted = jdbc.sql("DELETE FROM api_keys WHERE tenant_id = ?").param(tenantId).update();
    ids.forEach(cache::evict);
    return deleted;
  }

  private void insert(String keyId, String key, String name, String tenantId, Instant at) {
    jdbc.sql(
            "INSERT INTO api_keys (key_id, key_hash, name, tenant_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(keyId, ApiKeyHashing.hash(key), name, tenantId, utc(at))
        .update();
  }

  private static ApiKeyInfo info(ResultSet rs, int row) throws SQLException {
    return new ApiKeyInfo(
        rs.getString("key_id"),
        rs.getString("name"),
        rs.getString("tenant_id"),
        instant(rs, "created_at"),
        instant(rs, "revoked_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** TIMESTAMP WITH TIME ZONE as both engines store it: UTC, microseconds. */
  private static OffsetDateTime utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  record StoredKey(String keyId, String keyHash, String name, String tenantId) {}
}
