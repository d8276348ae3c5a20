package dev.tenantpulse.flink.rejected;

import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.DateTimeException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * Where the job's operators put the records they cannot process, and which faults are a record's.
 *
 * <p>Every operator that handles records sends what it refuses to the side output {@link #TAG}; the
 * job unions them into one stream to {@code rejected_events} ({@link RejectedRecordWriter}).
 */
public final class Rejections {

  /** The side output of refused records, the same for every operator (so they can be unioned). */
  public static final OutputTag<RejectedRecord> TAG =
      new OutputTag<>("rejected-records", TypeInformation.of(RejectedRecord.class));

  private Rejections() {}

  /**
   * Whether {@code fault}, thrown while one record was handled, is that record's: a value the code
   * cannot compute with (arithmetic overflow, an instant out of range, an argument refused, a field
   * missing). Anything else (state backend, I/O, a failure in a chained downstream operator, which
   * Flink wraps) fails the task as before: dead-lettering every record while the infrastructure is
   * broken would drain the stream instead of stopping it.
   */
  public static boolean isRecordFault(RuntimeException fault) {
    return fault instanceof ArithmeticException
        || fault instanceof DateTimeException
        || fault instanceof IllegalArgumentException
        || fault instanceof NullPointerException;
  }

  /**
   * Sends {@code event}, which {@code fault} came from at {@code stage}, to the side output; a
   * fault that is not the record's ({@link #isRecordFault}) is rethrown instead.
   */
  public static void refuse(
      String stage, RuntimeException fault, ReceivedEvent event, long now, Output output) {
    if (!isRecordFault(fault)) {
      throw fault;
    }
    output.output(TAG, RejectedRecord.ofEvent(stage, RejectedRecord.reasonOf(fault), event, now));
  }

  /** {@link #refuse(String, RuntimeException, ReceivedEvent, long, Output)} for a decoded event. */
  public static void refuse(
      String stage, RuntimeException fault, TenantEvent event, long now, Output output) {
    if (!isRecordFault(fault)) {
      throw fault;
    }
    output.output(TAG, RejectedRecord.ofEvent(stage, RejectedRecord.reasonOf(fault), event, now));
  }

  /** Where a side output goes: a process function's context ({@code ctx::output}). */
  @FunctionalInterface
  public interface Output {
    void output(OutputTag<RejectedRecord> tag, RejectedRecord record);
  }
}
