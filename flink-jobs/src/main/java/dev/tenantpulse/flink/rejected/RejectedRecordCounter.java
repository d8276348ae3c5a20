package dev.tenantpulse.flink.rejected;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the records every stage refused, in {@code rejectedRecords} per stage (metric group {@code
 * stage}, e.g. {@code stage="event_time"}), logs a bounded number of them, and stamps the job's
 * topic on those that know their partition and offset but not their topic (records past the source
 * carry no topic, to keep the shuffles small). Sits right before the {@code rejected_events} sink.
 */
public final class RejectedRecordCounter extends ProcessFunction<RejectedRecord, RejectedRecord> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RejectedRecordCounter.class);

  private final String topic;
  private transient Map<String, Counter> byStage;
  private transient long seen;

  /**
   * @param topic the job's Kafka topic
   */
  public RejectedRecordCounter(String topic) {
    this.topic = topic;
  }

  @Override
  public void open(OpenContext openContext) {
    byStage = new HashMap<>();
  }

  @Override
  public void processElement(RejectedRecord record, Context ctx, Collector<RejectedRecord> out) {
    RejectedRecord stamped = record.withTopicIfMissing(topic);
    byStage
        .computeIfAbsent(
            stamped.stage(), stage -> counter(getRuntimeContext().getMetricGroup(), stage))
        .inc();
    seen++;
    if (RejectionLog.shouldLog(seen)) {
      RejectionLog.log(LOG, stamped, seen);
    }
    out.collect(stamped);
  }

  /** The {@code rejectedRecords} counter of {@code stage} in {@code group}. */
  public static Counter counter(MetricGroup group, String stage) {
    return group.addGroup("stage", stage).counter("rejectedRecords");
  }
}
