package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.flink.metrics.active.ActiveHourByPlanRowWriter;
import dev.tenantpulse.flink.metrics.active.ActiveHourRow;
import dev.tenantpulse.flink.metrics.active.ActiveHourRowWriter;
import dev.tenantpulse.flink.metrics.active.ActiveTenantsFunction;
import dev.tenantpulse.flink.metrics.adoption.FeatureAdoptionFunction;
import dev.tenantpulse.flink.metrics.adoption.FeatureAdoptionRow;
import dev.tenantpulse.flink.metrics.adoption.FeatureAdoptionRowWriter;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohortRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohortRowWriter;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohortsFunction;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingTenantRowWriter;
import dev.tenantpulse.flink.metrics.usage.UsageByPlanFunction;
import dev.tenantpulse.flink.metrics.usage.UsageDayByPlanRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayByPlanRowWriter;
import dev.tenantpulse.flink.metrics.usage.UsageDayRowWriter;
import dev.tenantpulse.flink.metrics.usage.UsageHourRowWriter;
import dev.tenantpulse.flink.metrics.usage.UsageMonthRowWriter;
import dev.tenantpulse.flink.metrics.usage.UsagePlanShare;
import dev.tenantpulse.flink.rejected.Rejections;
import dev.tenantpulse.flink.serialization.CompactTypeInfo;
import dev.tenantpulse.flink.source.TenantErasure;
import dev.tenantpulse.flink.tenant.TenantRowWriter;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Attaches every metric pipeline to a stream of counted events.
 *
 * <p>Shape: one keyed operator per tenant ({@link TenantEventsFunction}, the job's parallelism)
 * writes the per-tenant tables and sends compact facts to the cross-tenant aggregators, which run
 * with parallelism 1 (they see tenant-hours and tenant-days, not events); usage per plan is keyed
 * by (day, meter) instead, at the job's parallelism. Both run unchanged in STREAMING and BATCH
 * execution mode.
 */
public final class MetricPipelines {

  private MetricPipelines() {}

  /**
   * Without erasure notices (a recompute reads the events table, where an erased tenant is gone):
   * the per-tenant operator has the events as its one input.
   *
   * @param countedEvents deduplicated events with event-time timestamps and watermarks, events
   *     beyond the allowed lateness already removed
   */
  public static MetricStreams attach(DataStream<TenantEvent> countedEvents, MetricOptions options) {
    SingleOutputStreamOperator<TenantFact> facts =
        countedEvents
            .keyBy(TenantEvent::tenantId, Types.STRING)
            .process(tenantEvents(options))
            .returns(CompactTypeInfo.TENANT_FACT)
            .name("tenant-state-and-facts")
            .uid("tenant-state-and-facts");
    return attachAggregators(facts, options);
  }

  /**
   * @param countedEvents deduplicated events with event-time timestamps and watermarks, events
   *     beyond the allowed lateness already removed
   * @param erasures tenants' erasure notices: every pipeline forgets the tenant
   */
  public static MetricStreams attach(
      DataStream<TenantEvent> countedEvents,
      DataStream<TenantErasure> erasures,
      MetricOptions options) {
    SingleOutputStreamOperator<TenantFact> facts =
        countedEvents
            .connect(erasures)
            .keyBy(TenantEvent::tenantId, TenantErasure::tenantId, Types.STRING)
            .transform(
                "tenant-state-and-facts",
                CompactTypeInfo.TENANT_FACT,
                new TenantStateOperator(new ErasureAwareTenantEvents(tenantEvents(options))))
            .name("tenant-state-and-facts")
            .uid("tenant-state-and-facts");
    return attachAggregators(facts, options);
  }

  private static TenantEventsFunction tenantEvents(MetricOptions options) {
    return new TenantEventsFunction(
        options.catalogView(),
        options.allowedLateness().toMillis(),
        options.retentionMargin().toMillis(),
        options.emitRange(),
        options.stateCacheEntries());
  }

  /** The cross-tenant aggregators and every table's rows, from the per-tenant operator. */
  private static MetricStreams attachAggregators(
      SingleOutputStreamOperator<TenantFact> facts, MetricOptions options) {
    CatalogView catalog = options.catalogView();
    long latenessMs = options.allowedLateness().toMillis();
    long marginMs = options.retentionMargin().toMillis();
    EmitRange range = options.emitRange();

    SingleOutputStreamOperator<ActiveHourRow> active =
        factsOf(
                facts,
                EnumSet.of(
                    TenantFact.Kind.ACTIVE_HOUR, TenantFact.Kind.LIFECYCLE, TenantFact.Kind.FORGET),
                "active")
            .process(
                new ActiveTenantsFunction(
                    catalog.plansWithUnknown(), latenessMs, marginMs, options.bounded(), range))
            .returns(RowTypes.of(ActiveHourRow.class))
            .setParallelism(1)
            .name("active-tenants")
            .uid("active-tenants");

    SingleOutputStreamOperator<FeatureAdoptionRow> adoption =
        factsOf(
                facts,
                EnumSet.of(
                    TenantFact.Kind.ACTIVE_HOUR,
                    TenantFact.Kind.FEATURE_DAY,
                    TenantFact.Kind.LIFECYCLE,
                    TenantFact.Kind.FORGET),
                "feature-adoption")
            .process(
                new FeatureAdoptionFunction(
                    catalog, latenessMs, marginMs, options.bounded(), range))
            .returns(RowTypes.of(FeatureAdoptionRow.class))
            .setParallelism(1)
            .name("feature-adoption")
            .uid("feature-adoption");

    SingleOutputStreamOperator<OnboardingCohortRow> cohorts =
        factsOf(
                facts,
                EnumSet.of(TenantFact.Kind.ONBOARDING, TenantFact.Kind.FORGET),
                "onboarding-cohorts")
            .process(new OnboardingCohortsFunction(range))
            .returns(RowTypes.of(OnboardingCohortRow.class))
            .setParallelism(1)
            .name("onboarding-cohorts")
            .uid("onboarding-cohorts");

    SingleOutputStreamOperator<UsageDayByPlanRow> usageByPlan =
        facts
            .getSideOutput(TenantEventsFunction.USAGE_SHARES)
            .keyBy(UsagePlanShare::dayAndMeter, Types.STRING)
            .process(new UsageByPlanFunction(latenessMs, marginMs, range))
            .returns(RowTypes.of(UsageDayByPlanRow.class))
            .name("usage-by-plan")
            .uid("usage-by-plan");

    List<RowStream<?>> all = new ArrayList<>();
    all.add(
        new RowStream<>(
            "tenants", facts.getSideOutput(TenantEventsFunction.TENANTS), new TenantRowWriter()));
    all.add(new RowStream<>("active_tenants_hourly", active, new ActiveHourRowWriter()));
    all.add(
        new RowStream<>(
            "active_tenants_hourly_by_plan",
            active.getSideOutput(ActiveTenantsFunction.BY_PLAN),
            new ActiveHourByPlanRowWriter()));
    all.add(new RowStream<>("feature_adoption_daily", adoption, new FeatureAdoptionRowWriter()));
    all.add(
        new RowStream<>(
            "onboarding_tenants",
            facts.getSideOutput(TenantEventsFunction.ONBOARDING),
            new OnboardingTenantRowWriter()));
    all.add(new RowStream<>("onboarding_cohorts", cohorts, new OnboardingCohortRowWriter()));
    all.add(
        new RowStream<>(
            "usage_daily",
            facts.getSideOutput(TenantEventsFunction.USAGE),
            new UsageDayRowWriter()));
    all.add(
        new RowStream<>(
            "usage_hourly",
            facts.getSideOutput(TenantEventsFunction.USAGE_HOURLY),
            new UsageHourRowWriter()));
    all.add(
        new RowStream<>(
            "usage_monthly",
            facts.getSideOutput(TenantEventsFunction.USAGE_MONTHLY),
            new UsageMonthRowWriter()));
    all.add(new RowStream<>("usage_daily_by_plan", usageByPlan, new UsageDayByPlanRowWriter()));
    return new MetricStreams(all, facts.getSideOutput(Rejections.TAG));
  }

  /** The facts of {@code kinds}, on one constant key, for an aggregator of parallelism 1. */
  private static org.apache.flink.streaming.api.datastream.KeyedStream<TenantFact, Integer> factsOf(
      DataStream<TenantFact> facts, Set<TenantFact.Kind> kinds, String name) {
    return facts
        .filter(new KindFilter(EnumSet.copyOf(kinds)))
        .name(name + "-facts")
        .uid(name + "-facts")
        .keyBy(new ConstantKey(), Types.INT);
  }

  /** Keeps the facts of some kinds. */
  static final class KindFilter implements FilterFunction<TenantFact> {
    private static final long serialVersionUID = 1L;
    private final EnumSet<TenantFact.Kind> kinds;

    KindFilter(EnumSet<TenantFact.Kind> kinds) {
      this.kinds = kinds;
    }

    @Override
    public boolean filter(TenantFact fact) {
      return kinds.contains(fact.kind());
    }
  }

  /** One key for the cross-tenant aggregators, which need every fact in one place. */
  static final class ConstantKey implements KeySelector<TenantFact, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer getKey(TenantFact fact) {
      return 0;
    }
  }
}
