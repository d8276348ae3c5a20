package dev.tenantpulse.flink.metrics.usage;

/**
 * The running sum of a {@link UsageKey} and the version of its last emitted row ({@code 0} before
 * the first).
 */
public record UsageSum(double quantity, long version) {

  public UsageSum plus(double q) {
    return new UsageSum(quantity + q, version);
  }

  public UsageSum emittedAs(long newVersion) {
    return new UsageSum(quantity, newVersion);
  }
}
