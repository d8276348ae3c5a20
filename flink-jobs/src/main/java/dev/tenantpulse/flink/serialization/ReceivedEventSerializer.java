package dev.tenantpulse.flink.serialization;

import dev.tenantpulse.flink.source.ReceivedEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link ReceivedEvent} on the network: its event ({@link TenantEventSerializer}), then receive
 * time, partition, offset and the late flag in fixed widths. Immutable: a copy is the instance.
 */
public final class ReceivedEventSerializer extends ImmutableRecordSerializer<ReceivedEvent> {

  public static final ReceivedEventSerializer INSTANCE = new ReceivedEventSerializer();
  private static final long serialVersionUID = 1L;

  @Override
  public void serialize(ReceivedEvent r, DataOutputView out) throws IOException {
    TenantEventSerializer.INSTANCE.serialize(r.event(), out);
    out.writeLong(r.receivedAt());
    out.writeInt(r.partition());
    out.writeLong(r.offset());
    out.writeBoolean(r.late());
  }

  @Override
  public ReceivedEvent deserialize(DataInputView in) throws IOException {
    return new ReceivedEvent(
        TenantEventSerializer.INSTANCE.deserialize(in),
        in.readLong(),
        in.readInt(),
        in.readLong(),
        in.readBoolean());
  }

  @Override
  public TypeSerializerSnapshot<ReceivedEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Flink asks every serializer for one; restored, it is this singleton. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ReceivedEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
