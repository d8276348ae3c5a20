package dev.tenantpulse.flink.recompute;

import dev.tenantpulse.flink.sink.ClickHouseOptions;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source of every event stored in {@code events}, one split per UTC day of event time,
 * read through plain JDBC (the same URL as the sink).
 */
public final class EventsTableSource
    implements Source<TenantEvent, EventSlice, Collection<EventSlice>> {

  private static final long serialVersionUID = 1L;
  private static final long DAY = 86_400_000L;

  private final StoredEventsQuery query;
  private final List<long[]> slices;

  private EventsTableSource(StoredEventsQuery query, List<long[]> slices) {
    this.query = query;
    this.slices = slices;
  }

  /** Asks the table for its event-time range now and plans one slice per day of it. */
  public static EventsTableSource allStoredEvents(ClickHouseOptions options) throws SQLException {
    StoredEventsQuery query = new StoredEventsQuery(options);
    List<long[]> slices = new ArrayList<>();
    var range = query.eventTimeRange();
    if (range.isPresent()) {
      long first = Math.floorDiv(range.get()[0], DAY) * DAY;
      long last = range.get()[1];
      for (long day = first; day <= last; day += DAY) {
        slices.add(new long[] {day, day + DAY});
      }
    }
    return new EventsTableSource(query, slices);
  }

  /** How many day slices the source reads (0 when nothing is stored). */
  public int sliceCount() {
    return slices.size();
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<EventSlice, Collection<EventSlice>> createEnumerator(
      SplitEnumeratorContext<EventSlice> context) {
    List<EventSlice> splits = new ArrayList<>();
    slices.forEach(s -> splits.add(new EventSlice(s[0], s[1])));
    return new IteratorSourceEnumerator<>(context, splits);
  }

  @Override
  public SplitEnumerator<EventSlice, Collection<EventSlice>> restoreEnumerator(
      SplitEnumeratorContext<EventSlice> context, Collection<EventSlice> remaining) {
    return new IteratorSourceEnumerator<>(context, remaining);
  }

  @Override
  public SourceReader<TenantEvent, EventSlice> createReader(SourceReaderContext context) {
    return new Reader(context, query);
  }

  @Override
  public SimpleVersionedSerializer<EventSlice> getSplitSerializer() {
    return new SliceSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Collection<EventSlice>> getEnumeratorCheckpointSerializer() {
    return new SlicesSerializer();
  }

  /** Binds each assigned slice to the query that reads it. */
  private static final class Reader
      extends IteratorSourceReader<TenantEvent, Iterator<TenantEvent>, EventSlice> {
    private final StoredEventsQuery query;

    Reader(SourceReaderContext context, StoredEventsQuery query) {
      super(context);
      this.query = query;
    }

    @Override
    public void addSplits(List<EventSlice> splits) {
      super.addSplits(splits.stream().map(s -> s.bind(query)).toList());
    }
  }

  private static final class SliceSerializer implements SimpleVersionedSerializer<EventSlice> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(EventSlice slice) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeLong(slice.from());
        out.writeLong(slice.until());
      }
      return bytes.toByteArray();
    }

    @Override
    public EventSlice deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return new EventSlice(in.readLong(), in.readLong());
      }
    }
  }

  private static final class SlicesSerializer
      implements SimpleVersionedSerializer<Collection<EventSlice>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Collection<EventSlice> slices) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(slices.size());
        for (EventSlice s : slices) {
          out.writeLong(s.from());
          out.writeLong(s.until());
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public Collection<EventSlice> deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        List<EventSlice> slices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          slices.add(new EventSlice(in.readLong(), in.readLong()));
        }
        return slices;
      }
    }
  }
}
