package dev.tenantpulse.flink.bench;

import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * An operator's output that passes everything on but its side outputs, which it counts and drops.
 * In the job an operator's side outputs (the per-tenant operator's table rows) go to chained sinks;
 * in Flink's test harness each one would be copied through a serializer the harness builds anew for
 * every record (a quarter of the per-tenant operator's measured CPU): neither is the operator's.
 */
final class SideOutputsCounted<T> implements Output<StreamRecord<T>> {

  private final Output<StreamRecord<T>> next;
  private long dropped;

  SideOutputsCounted(Output<StreamRecord<T>> next) {
    this.next = next;
  }

  /** The side-output records seen so far. */
  long dropped() {
    return dropped;
  }

  @Override
  public <X> void collect(OutputTag<X> outputTag, StreamRecord<X> record) {
    dropped++;
  }

  @Override
  public void collect(StreamRecord<T> record) {
    next.collect(record);
  }

  @Override
  public void emitWatermark(Watermark mark) {
    next.emitWatermark(mark);
  }

  @Override
  public void emitWatermarkStatus(WatermarkStatus watermarkStatus) {
    next.emitWatermarkStatus(watermarkStatus);
  }

  @Override
  public void emitLatencyMarker(LatencyMarker latencyMarker) {
    next.emitLatencyMarker(latencyMarker);
  }

  @Override
  public void emitRecordAttributes(RecordAttributes recordAttributes) {
    next.emitRecordAttributes(recordAttributes);
  }

  @Override
  public void emitWatermark(WatermarkEvent watermark) {
    next.emitWatermark(watermark);
  }

  @Override
  public void close() {
    next.close();
  }
}
