package dev.tenantpulse.collector.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Authenticated keys for a short time, so the ingestion path does not query the database on every
 * request. Keyed by the key's SHA-256, never the key itself: a heap dump holds no secrets, and a
 * lookup's timing depends on a hash the caller cannot steer, not on the stored secret.
 *
 * <p>Only known keys are cached. An unknown key still costs one primary-key lookup, and in return a
 * key created on another replica works at once. Each known key is loaded at most once per TTL.
 *
 * <p>Revocation: another replica's revocation takes effect here when the entry expires (at most the
 * TTL); {@link #evict} makes this replica's own revocation immediate. A load racing with an
 * eviction is not cached (the generation check), so a revoked key cannot sneak back in.
 */
final class KeyCache {

  private record Entry(ApiKeyPrincipal principal, Instant expires) {}

  private static final int PURGE_ABOVE = 10_000;

  private final ConcurrentHashMap<String, Entry> byHash = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final Clock clock;
  private final Object writes = new Object();
  private long generation; // guarded by writes

  /**
   * @param ttl how long a loaded key is trusted without asking the database; zero disables caching
   */
  KeyCache(Duration ttl, Clock clock) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("the key cache TTL must not be negative, got " + ttl);
    }
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The cached principal for {@code keyHash}, else what {@code load} answers (and caches). */
  Optional<ApiKeyPrincipal> get(String keyHash, Supplier<Optional<ApiKeyPrincipal>> load) {
    Instant now = clock.instant();
    Entry cached = byHash.get(keyHash);
    if (cached != null && now.isBefore(cached.expires())) {
      return Optional.of(cached.principal());
    }
    long seen = generation();
    Optional<ApiKeyPrincipal> loaded = load.get();
    synchronized (writes) {
      if (loaded.isPresent() && !ttl.isZero() && generation == seen) {
        if (byHash.size() > PURGE_ABOVE) {
          byHash.values().removeIf(e -> !now.isBefore(e.expires()));
        }
        byHash.put(keyHash, new Entry(loaded.get(), now.plus(ttl)));
      } else if (cached != null) {
        byHash.remove(keyHash, cached);
      }
    }
    return loaded;
  }

  /** Forgets key {@code keyId} at once (this replica revoked it). */
  void evict(String keyId) {
    synchronized (writes) {
      generation++;
      byHash.values().removeIf(e -> e.principal().keyId().equals(keyId));
    }
  }

  int size() {
    return byHash.size();
  }

  private long generation() {
    synchronized (writes) {
      return generation;
    }
  }
}
