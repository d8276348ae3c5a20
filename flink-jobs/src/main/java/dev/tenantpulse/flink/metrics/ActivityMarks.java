package dev.tenantpulse.flink.metrics;

/**
 * The two newest hours a tenant has been reported active in, so the per-tenant operator sends one
 * fact per tenant-hour rather than one per event. Two, because events within the disorder bound
 * straddle an hour boundary; an older hour reported again only repeats a fact the aggregator treats
 * as a set member.
 */
public record ActivityMarks(long newest, long previous) {

  public static final ActivityMarks NONE = new ActivityMarks(Long.MIN_VALUE, Long.MIN_VALUE);

  public boolean contains(long hour) {
    return hour == newest || hour == previous;
  }

  public ActivityMarks with(long hour) {
    if (contains(hour)) {
      return this;
    }
    return hour > newest ? new ActivityMarks(hour, newest) : new ActivityMarks(newest, hour);
  }
}
