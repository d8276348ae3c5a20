package dev.tenantpulse.flink.recompute;

import dev.tenantpulse.tenancy.events.TenantEvent;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;

/**
 * A split of {@link EventsTableSource}: the stored events of one event-time slice [from, until).
 * The reader binds the query before reading; a slice is read whole (a day of events fits in
 * memory), so its progress is all or nothing.
 */
final class EventSlice implements IteratorSourceSplit<TenantEvent, Iterator<TenantEvent>> {

  private final long from;
  private final long until;
  private transient StoredEventsQuery query;

  EventSlice(long from, long until) {
    this.from = from;
    this.until = until;
  }

  long from() {
    return from;
  }

  long until() {
    return until;
  }

  EventSlice bind(StoredEventsQuery query) {
    EventSlice bound = new EventSlice(from, until);
    bound.query = query;
    return bound;
  }

  @Override
  public String splitId() {
    return Instant.ofEpochMilli(from) + ".." + Instant.ofEpochMilli(until);
  }

  @Override
  public Iterator<TenantEvent> getIterator() {
    if (query == null) {
      throw new IllegalStateException("slice " + splitId() + " was not bound to its query");
    }
    try {
      return query.read(from, until).iterator();
    } catch (SQLException e) {
      throw new UncheckedIOException(
          new java.io.IOException("reading stored events of " + splitId() + " failed", e));
    }
  }

  @Override
  public IteratorSourceSplit<TenantEvent, Iterator<TenantEvent>> getUpdatedSplitForIterator(
      Iterator<TenantEvent> iterator) {
    return this; // re-read whole after a failure: the batch job's region restarts anyway
  }

  @Override
  public String toString() {
    return "EventSlice[" + splitId() + "]";
  }
}
