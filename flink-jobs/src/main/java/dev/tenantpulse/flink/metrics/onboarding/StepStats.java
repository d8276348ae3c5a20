package dev.tenantpulse.flink.metrics.onboarding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A cohort's statistics for one onboarding step (completion or first value).
 *
 * @param reached tenants that reached the step, negative times included
 * @param rate reached / signups, null when there are no signups
 * @param avgSeconds mean of the non-negative times, null when there are none
 * @param p50Seconds nearest-rank median: the ceil(n/2)-th smallest non-negative time
 * @param p90Seconds nearest rank: the ceil(9n/10)-th smallest
 * @param within24h tenants with 0 &lt;= time &lt;= 86,400 s
 * @param dataQualityIssues tenants with a negative time
 */
public record StepStats(
    long reached,
    Double rate,
    Double avgSeconds,
    Long p50Seconds,
    Long p90Seconds,
    long within24h,
    long dataQualityIssues) {

  static final long DAY_SECONDS = 86_400L;

  /**
   * The statistics of {@code signups} tenants of which those in {@code seconds} reached the step
   * (null entries: not reached).
   */
  public static StepStats of(long signups, Collection<Long> seconds) {
    List<Long> valid = new ArrayList<>();
    long reached = 0;
    long negative = 0;
    long within = 0;
    long sum = 0;
    for (Long s : seconds) {
      if (s == null) {
        continue;
      }
      reached++;
      if (s < 0) {
        negative++;
      } else {
        valid.add(s);
        sum += s;
        if (s <= DAY_SECONDS) {
          within++;
        }
      }
    }
    valid.sort(null);
    int n = valid.size();
    // Nearest rank in integer arithmetic: ceil(n/2) = (n+1)/2, ceil(9n/10) = (9n+9)/10.
    // Not Math.ceil(0.9 * n): 0.9 * 10 is 9.000000000000002 in doubles, so it gives 10 for n = 10.
    return new StepStats(
        reached,
        signups == 0 ? null : (double) reached / signups,
        n == 0 ? null : (double) sum / n,
        n == 0 ? null : valid.get((n + 1) / 2 - 1),
        n == 0 ? null : valid.get((9 * n + 9) / 10 - 1),
        within,
        negative);
  }
}
