package dev.tenantpulse.flink.sink;

import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;

/** Lets other packages' tests write rows through the real sink writer, without a Flink job. */
public final class ClickHouseSinkTestAccess {

  private ClickHouseSinkTestAccess() {}

  public static <T> void writeAll(ClickHouseOptions options, TableWriter<T> table, List<T> rows)
      throws Exception {
    var writer =
        new ClickHouseSinkWriter<>(
            options,
            table,
            new TestProcessingTimeService(),
            new UnregisteredMetricsGroup(),
            Sleeper.THREAD);
    for (T row : rows) {
      writer.write(row, null);
    }
    writer.flush(true);
    writer.close();
  }
}
