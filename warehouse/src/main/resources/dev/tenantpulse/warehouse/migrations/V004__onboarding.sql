-- V004: onboarding per tenant and per signup cohort (metric 3 of DESIGN.md).
-- Immutable once applied: a schema change is a new V00N file, never an edit of this one.
--
-- Reading: a late step or signup re-emits the tenant row and its cohort row with a higher
-- version, so read with FINAL:
--   SELECT cohort_week, signups, completion_rate, p50_seconds, value_rate, value_p50_seconds
--   FROM tenant_pulse.onboarding_cohorts FINAL ORDER BY cohort_week
--   SELECT tenant_id, mapKeys(step_first_at) AS steps_reached, completion_seconds
--   FROM tenant_pulse.onboarding_tenants FINAL WHERE cohort_week = '2025-01-06'
-- or with argMax, inside a tuple() (a plain argMax over a Nullable column skips NULLs and
-- returns an older value):
--   SELECT tenant_id, argMax(tuple(completed_at, completion_seconds), version) AS newest
--   FROM tenant_pulse.onboarding_tenants GROUP BY tenant_id

-- Sort key is tenant_id alone, on purpose: a late, earlier tenant_signed_up moves the tenant to
-- another cohort_week, and ReplacingMergeTree only replaces rows with equal sort keys, so a key
-- holding cohort_week (or signed_up_at) would leave the old row behind forever. One row per
-- tenant: no partitioning.
CREATE TABLE IF NOT EXISTS tenant_pulse.onboarding_tenants
(
    tenant_id            String                         COMMENT 'Tenant id (only tenants with a tenant_signed_up event have a row)',
    signed_up_at         DateTime64(3, 'UTC')           COMMENT 'Timestamp of its first tenant_signed_up event',
    cohort_week          Date                           COMMENT 'Monday (UTC) of the signup week',
    signup_plan          LowCardinality(String)         COMMENT 'Plan of that first tenant_signed_up event',
    step_first_at        Map(LowCardinality(String), DateTime64(3, 'UTC')) COMMENT 'First timestamp of each onboarding step reached, keyed by step name',
    completed_at         Nullable(DateTime64(3, 'UTC')) COMMENT 'First onboarding_step with the catalog completion step, NULL when not reached',
    completion_seconds   Nullable(Int64)                COMMENT 'completed_at - signed_up_at in whole seconds, kept even when negative (a data error)',
    completion_negative  UInt8 DEFAULT ifNull(completion_seconds < 0, 0) COMMENT '1 when completion_seconds < 0: counted completed, left out of time statistics, counted as a data-quality issue',
    first_value_at       Nullable(DateTime64(3, 'UTC')) COMMENT 'First onboarding_step with the catalog value step, NULL when not reached',
    first_value_seconds  Nullable(Int64)                COMMENT 'first_value_at - signed_up_at in whole seconds, kept even when negative (a data error)',
    first_value_negative UInt8 DEFAULT ifNull(first_value_seconds < 0, 0) COMMENT '1 when first_value_seconds < 0: counted as reached, left out of time statistics, counted as a data-quality issue',
    computed_at          DateTime64(3, 'UTC')           COMMENT 'When the pipeline computed this row',
    version              UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(computed_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY tenant_id
COMMENT 'Onboarding progress of each signed-up tenant, one row per tenant after merges: read with FINAL'
;

-- Cross-tenant: each row aggregates a cohort and holds no single tenant's data, so no tenant_id
-- (the tenants are in onboarding_tenants). One row per cohort week: no partitioning.
-- Percentiles are nearest rank, the ceil(q * n)-th smallest of the n valid times. ClickHouse
-- quantileExact is a different definition, so recomputing them in SQL with it will not match.
CREATE TABLE IF NOT EXISTS tenant_pulse.onboarding_cohorts
(
    cohort_week               Date              COMMENT 'Monday (UTC) of the signup week',
    signups                   UInt64            COMMENT 'Tenants whose first tenant_signed_up falls in the week',
    completed                 UInt64            COMMENT 'Of them, tenants that reached the completion step (negative times included)',
    completion_rate           Nullable(Float64) COMMENT 'completed / signups, NULL when signups = 0',
    avg_seconds               Nullable(Float64) COMMENT 'Mean completion time in seconds over non-negative times, NULL when there are none',
    p50_seconds               Nullable(Int64)   COMMENT 'Median completion time, nearest rank, NULL when there are none',
    p90_seconds               Nullable(Int64)   COMMENT '90th percentile completion time, nearest rank, NULL when there are none',
    completed_within_24h      UInt64            COMMENT 'Tenants with 0 <= completion time <= 86400 s',
    data_quality_issues       UInt64            COMMENT 'Tenants with a negative completion time',
    reached_value             UInt64            COMMENT 'Tenants that reached the value step (negative times included)',
    value_rate                Nullable(Float64) COMMENT 'reached_value / signups, NULL when signups = 0',
    value_avg_seconds         Nullable(Float64) COMMENT 'Mean time to first value in seconds over non-negative times, NULL when there are none',
    value_p50_seconds         Nullable(Int64)   COMMENT 'Median time to first value, nearest rank, NULL when there are none',
    value_p90_seconds         Nullable(Int64)   COMMENT '90th percentile time to first value, nearest rank, NULL when there are none',
    value_within_24h          UInt64            COMMENT 'Tenants with 0 <= time to first value <= 86400 s, the trial-to-paid predictor',
    value_data_quality_issues UInt64            COMMENT 'Tenants with a negative time to first value',
    computed_at               DateTime64(3, 'UTC') COMMENT 'When the pipeline computed this row',
    version                   UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(computed_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY cohort_week
COMMENT 'Onboarding completion and time to first value per weekly signup cohort, cross-tenant: read with FINAL'
;
