package dev.tenantpulse.flink.metrics.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tenantpulse.flink.metrics.EmitRange;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class UsageByPlanFunctionTests {

  private static final long DAY = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  @Test
  void aWithdrawnTenantLeavesItsPlansRowWhichIsWrittenAgainWithoutIt() throws Exception {
    try (var harness = harness()) {
      share(harness, new UsagePlanShare(DAY, "api_calls", "acme", "pro", 500));
      share(harness, new UsagePlanShare(DAY, "api_calls", "acme2", "pro", 7));
      share(harness, new UsagePlanShare(DAY, "api_calls", "ACME", "starter", 3));
      share(harness, new UsagePlanShare(DAY, "api_calls", "acme", "enterprise", 500)); // moved
      harness.processWatermark(DAY + DAY_MS);
      assertThat(harness.extractOutputValues())
          .extracting(
              UsageDayByPlanRow::plan, UsageDayByPlanRow::quantity, UsageDayByPlanRow::tenants)
          .containsExactlyInAnyOrder(
              tuple("pro", 7.0, 1L), tuple("starter", 3.0, 1L), tuple("enterprise", 500.0, 1L));
      harness.getOutput().clear();

      share(harness, UsagePlanShare.withdrawn(DAY, "api_calls", "never-seen"));
      harness.processWatermark(DAY + DAY_MS + 1_000);
      assertThat(harness.extractOutputValues()).as("an unknown tenant changes nothing").isEmpty();

      share(harness, UsagePlanShare.withdrawn(DAY, "api_calls", "acme"));
      harness.processWatermark(DAY + DAY_MS + 2_000);
      assertThat(harness.extractOutputValues())
          .extracting(
              UsageDayByPlanRow::plan, UsageDayByPlanRow::quantity, UsageDayByPlanRow::tenants)
          .as("the plan only acme was on keeps a row, of nobody")
          .containsExactly(tuple("enterprise", 0.0, 0L));
    }
  }

  private static void share(
      KeyedOneInputStreamOperatorTestHarness<String, UsagePlanShare, UsageDayByPlanRow> harness,
      UsagePlanShare share)
      throws Exception {
    harness.processElement(new StreamRecord<>(share, share.dayStart()));
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, UsagePlanShare, UsageDayByPlanRow>
      harness() throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new UsageByPlanFunction(
                    Duration.ofHours(1).toMillis(), Duration.ofHours(1).toMillis(), EmitRange.ALL)),
            UsagePlanShare::dayAndMeter,
            Types.STRING);
    harness.open();
    return harness;
  }
}
