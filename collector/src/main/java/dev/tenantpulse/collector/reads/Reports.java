package dev.tenantpulse.collector.reads;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answers of the tenant-scoped reads, one record each, as JSON. */
public final class Reports {

  private Reports() {}

  /**
   * Usage per meter over [from, to) in buckets of {@code granularity}.
   *
   * @param plan the tenant's current plan, whose usage price applies ({@code unknown}: none)
   */
  public record Usage(
      String tenantId,
      String granularity,
      Instant from,
      Instant to,
      String plan,
      String currency,
      List<MeterUsage> meters) {}

  /**
   * @param unitPrice the plan's usage price when it is charged per this meter, else null
   * @param amount {@code quantity × unitPrice}, null without a price
   */
  public record MeterUsage(
      String meter, BigDecimal unitPrice, double quantity, BigDecimal amount, List<Point> points) {}

  /** One bucket: its start and the summed quantity. */
  public record Point(Instant start, double quantity) {}

  /** Activity over [from, to): the days with an activity event, and the users seen. */
  public record Activity(
      String tenantId,
      Instant from,
      Instant to,
      int activeDays,
      long users,
      List<ActiveDay> days) {}

  public record ActiveDay(LocalDate day, long events, long users) {}

  /** Features used over [from, to), against the features of the tenant's current plan. */
  public record Features(
      String tenantId, Instant from, Instant to, String plan, List<FeatureUse> features) {}

  /**
   * @param inPlan whether the current plan includes it (a used feature outside the plan is listed
   *     too)
   * @param lastUsedAt null when not used in the range
   */
  public record FeatureUse(String feature, boolean inPlan, long uses, Instant lastUsedAt) {}

  /** Onboarding: the catalog's steps in order, which are done and when, and the next one. */
  public record Onboarding(
      String tenantId, Instant signedUpAt, List<Step> steps, String nextStep, boolean completed) {}

  public record Step(String step, boolean done, Instant at) {}

  /** Every signup, plan change and churn of the tenant, oldest first. */
  public record PlanHistory(String tenantId, List<PlanChange> changes) {}

  public record PlanChange(
      Instant at, String type, String plan, String billingModel, Integer seats) {}
}
