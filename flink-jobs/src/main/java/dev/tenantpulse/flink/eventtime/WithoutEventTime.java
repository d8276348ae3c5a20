package dev.tenantpulse.flink.eventtime;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes records on and keeps event time out of them: its output is idle from the start and
 * forwards no watermark, so an operator that reads it beside the events takes its watermark from
 * the events alone.
 *
 * <p>Why: the erasure notices come straight from the source while the events pass the dedup first.
 * As a second input of the per-tenant operator, the notices' channel would turn active and carry
 * the source's watermark while the events' channel was still idle (the source just woke up with a
 * backlog); an operator's watermark is the minimum over its active inputs only, so it would jump to
 * the source's and close hours the events had not reached yet.
 */
public final class WithoutEventTime<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T> {

  private static final long serialVersionUID = 1L;

  @Override
  public void open() throws Exception {
    super.open();
    output.emitWatermarkStatus(WatermarkStatus.IDLE);
  }

  @Override
  public void processElement(StreamRecord<T> element) {
    output.collect(element);
  }

  @Override
  public void processWatermark(Watermark mark) {
    // not forwarded: see the class comment
  }

  @Override
  public void processWatermarkStatus(WatermarkStatus watermarkStatus) {
    // stays idle
  }
}
