package dev.tenantpulse.flink.metrics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;

/**
 * The per-tenant operator's keyed state with a copy on the heap of the values it last read or
 * wrote. On RocksDB every read is a JNI call, a search of memtables and files and a
 * deserialization, every write a JNI call and an insert into a large skip list; the operator reads
 * and rewrites the same few values of a tenant at nearly every event (its activity marks, its usage
 * sums of the day and the hour).
 *
 * <p>Two modes. Write-through (the default): every write goes to the state and the copy, so the
 * state always holds the truth. Write-back ({@link #writeBack}, by {@link TenantStateOperator}, the
 * only caller that can flush): writes stay on the heap, marked dirty, and reach the state when
 * their entry is evicted or at {@link #flush}, which the operator calls before every checkpoint
 * barrier; a checkpoint therefore holds every write before it, and a failure loses only writes
 * after the last checkpoint, which the restore replays. A restored operator starts with an empty
 * cache.
 *
 * <p>Values must be immutable (records) or never modified once stored, as the operator's are: a
 * cached read returns the stored object itself, not a copy. Each cached state keeps at most {@code
 * capacity} entries, dropping the least recently used; {@code 0} turns the cache off. Its key is
 * the tenant {@link #enter}ed last, the keyed state's current key: the operator enters each
 * element's and timer's tenant before touching state.
 */
public final class TenantStateCache {

  /** The default entries per cached state: the working set of ~10,000 active tenants. */
  public static final int DEFAULT_CAPACITY = 16_384;

  /** The keyed state backend's current key, switched to write an entry of another tenant. */
  public interface KeyContext {
    Object getCurrentKey();

    void setCurrentKey(Object key);
  }

  private static final Object ABSENT = new Object();

  private final int capacity;
  private final List<Entries<?>> all = new ArrayList<>();
  private String tenant;
  private KeyContext keys;
  private Counter hits = new SimpleCounter();
  private Counter misses = new SimpleCounter();
  private Counter flushed = new SimpleCounter();

  public TenantStateCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Reports {@code stateCacheHits}, {@code stateCacheMisses} (reads served by the state) and {@code
   * stateCacheWrites} (dirty entries written to the state, write-back only).
   */
  public void register(MetricGroup metrics) {
    hits = metrics.counter("stateCacheHits");
    misses = metrics.counter("stateCacheMisses");
    flushed = metrics.counter("stateCacheWrites");
  }

  /**
   * Keeps writes on the heap until evicted or {@link #flush}ed; {@code keys} switches the state's
   * current key to write them. Only for an operator that flushes before every checkpoint barrier.
   */
  public void writeBack(KeyContext keyContext) {
    this.keys = Objects.requireNonNull(keyContext, "keyContext");
  }

  /** The tenant whose state the next calls read and write (the keyed state's current key). */
  public void enter(String tenantId) {
    this.tenant = Objects.requireNonNull(tenantId, "tenantId");
  }

  /** Writes every dirty entry to the state (write-back), leaving the current key as it was. */
  public void flush() throws Exception {
    if (keys == null) {
      return;
    }
    Object current = keys.getCurrentKey();
    try {
      for (Entries<?> entries : all) {
        entries.flush();
      }
    } finally {
      if (current != null) {
        keys.setCurrentKey(current);
      }
    }
  }

  public <V> CachedValue<V> of(ValueState<V> state) {
    return new CachedValue<>(state);
  }

  public <K, V> CachedMap<K, V> of(MapState<K, V> state) {
    return new CachedMap<>(state);
  }

  private boolean writesBack() {
    return keys != null && capacity > 0;
  }

  /** A value state of the current tenant, read through the cache. */
  public final class CachedValue<V> {
    private final ValueState<V> state;
    private final Entries<String> entries;

    private CachedValue(ValueState<V> state) {
      this.state = state;
      this.entries = register(new Entries<>(this::write));
    }

    @SuppressWarnings("unchecked")
    public V value() throws Exception {
      Slot cached = entries.get(tenant);
      if (cached != null) {
        hits.inc();
        return cached.value == ABSENT ? null : (V) cached.value;
      }
      misses.inc();
      V read = state.value();
      entries.put(tenant, new Slot(tenant, read == null ? ABSENT : read, false));
      return read;
    }

    public void update(V value) throws Exception {
      boolean back = writesBack();
      if (!back) {
        state.update(value);
      }
      entries.put(tenant, new Slot(tenant, value == null ? ABSENT : value, back));
    }

    public void clear() {
      state.clear();
      entries.put(tenant, new Slot(tenant, ABSENT, false));
    }

    @SuppressWarnings("unchecked")
    private void write(String key, Slot slot) throws Exception {
      if (slot.value == ABSENT) {
        state.clear();
      } else {
        state.update((V) slot.value);
      }
    }
  }

  /** A map state of the current tenant, read through the cache key by key. */
  public final class CachedMap<K, V> {
    private final MapState<K, V> state;
    private final Entries<TenantKey<K>> entries;

    private CachedMap(MapState<K, V> state) {
      this.state = state;
      this.entries = register(new Entries<>(this::write));
    }

    @SuppressWarnings("unchecked")
    public V get(K key) throws Exception {
      TenantKey<K> at = new TenantKey<>(tenant, key);
      Slot cached = entries.get(at);
      if (cached != null) {
        hits.inc();
        return cached.value == ABSENT ? null : (V) cached.value;
      }
      misses.inc();
      V read = state.get(key);
      entries.put(at, new Slot(tenant, read == null ? ABSENT : read, false));
      return read;
    }

    public void put(K key, V value) throws Exception {
      boolean back = writesBack();
      if (!back) {
        state.put(key, value);
      }
      entries.put(new TenantKey<>(tenant, key), new Slot(tenant, value, back));
    }

    public void remove(K key) throws Exception {
      boolean back = writesBack();
      if (!back) {
        state.remove(key);
      }
      entries.put(new TenantKey<>(tenant, key), new Slot(tenant, ABSENT, back));
    }

    /**
     * The current tenant's keys as the state holds them, without the cache's pending writes: only
     * for a caller that lists them before it adds or removes any (new values of listed keys may
     * still wait on the heap: the keys are the same).
     */
    public Iterable<K> storedKeys() throws Exception {
      return state.keys();
    }

    /** Drops every entry of the current tenant (rare: an erasure), scanning the cache once. */
    public void clear() {
      state.clear();
      String current = tenant;
      entries.keySet().removeIf(k -> k.tenant().equals(current));
    }

    @SuppressWarnings("unchecked")
    private void write(TenantKey<K> key, Slot slot) throws Exception {
      if (slot.value == ABSENT) {
        state.remove(key.key());
      } else {
        state.put(key.key(), (V) slot.value);
      }
    }
  }

  private <K> Entries<K> register(Entries<K> entries) {
    all.add(entries);
    return entries;
  }

  private record TenantKey<K>(String tenant, K key) {}

  /** A cached value of one tenant: {@code ABSENT} for none; dirty until the state has it. */
  private static final class Slot {
    final String tenant;
    final Object value;
    boolean dirty;

    Slot(String tenant, Object value, boolean dirty) {
      this.tenant = tenant;
      this.value = value;
      this.dirty = dirty;
    }
  }

  /** How a dirty entry reaches the state, once the state's current key is its tenant's. */
  private interface Writer<K> {
    void write(K key, Slot slot) throws Exception;
  }

  /**
   * Least recently used entries go first once there are more than {@code capacity}; a dirty one is
   * written to the state on its way out, under its own tenant's key.
   */
  private final class Entries<K> extends LinkedHashMap<K, Slot> {
    private static final long serialVersionUID = 1L;
    private final transient Writer<K> writer;

    Entries(Writer<K> writer) {
      super(16, 0.75f, true);
      this.writer = writer;
    }

    @Override
    public Slot put(K key, Slot slot) {
      return capacity == 0 ? null : super.put(key, slot);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, Slot> eldest) {
      if (size() <= capacity) {
        return false;
      }
      Slot slot = eldest.getValue();
      if (slot.dirty) {
        Object current = keys.getCurrentKey();
        try {
          keys.setCurrentKey(slot.tenant);
          writer.write(eldest.getKey(), slot);
          flushed.inc();
        } catch (Exception e) {
          throw new IllegalStateException("writing an evicted state entry failed", e);
        } finally {
          keys.setCurrentKey(current);
        }
      }
      return true;
    }

    void flush() throws Exception {
      Iterator<Map.Entry<K, Slot>> it = entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<K, Slot> e = it.next();
        Slot slot = e.getValue();
        if (slot.dirty) {
          keys.setCurrentKey(slot.tenant);
          writer.write(e.getKey(), slot);
          slot.dirty = false;
          flushed.inc();
        }
      }
    }
  }
}
