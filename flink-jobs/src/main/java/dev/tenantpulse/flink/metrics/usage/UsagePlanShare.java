package dev.tenantpulse.flink.metrics.usage;

/**
 * What the per-tenant operator tells {@link UsageByPlanFunction} each time it emits a {@code
 * usage_daily} row, or a late plan change moves a closed day to another plan: the tenant's whole
 * sum of the day and meter, and its plan at the end of the day. A later share of the same (day,
 * meter, tenant) replaces the earlier one.
 *
 * <p>A share without a plan withdraws the tenant from the day and meter (it was erased).
 *
 * @param dayStart the UTC day, epoch ms
 * @param plan null for a withdrawal
 */
public record UsagePlanShare(
    long dayStart, String meter, String tenantId, String plan, double quantity) {

  /** The erased tenant leaves the day and meter. */
  public static UsagePlanShare withdrawn(long dayStart, String meter, String tenantId) {
    return new UsagePlanShare(dayStart, meter, tenantId, null, 0);
  }

  public boolean isWithdrawal() {
    return plan == null;
  }

  /** The key of {@link UsageByPlanFunction}: one day and meter. */
  public String dayAndMeter() {
    return dayStart + "/" + meter;
  }
}
