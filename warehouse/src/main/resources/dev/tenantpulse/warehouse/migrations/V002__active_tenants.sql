-- V002: active tenants per hour, overall and per plan (metric 1 of DESIGN.md).
-- Immutable once applied: a schema change is a new V00N file, never an edit of this one.
--
-- These tables are cross-tenant: each row counts tenants and holds no single tenant's data, so
-- they carry no tenant_id (the pool-model rule covers tables holding tenant data). The tenants
-- behind a count are in tenant_pulse.events.
--
-- Reading: late events make the pipeline re-emit an hour with a higher version, so read with FINAL:
--   SELECT window_end, active_24h, weekly_avg, drop_ratio
--   FROM tenant_pulse.active_tenants_hourly FINAL
--   WHERE window_end >= now() - INTERVAL 14 DAY ORDER BY window_end
-- or with argMax, inside a tuple() (a plain argMax over a Nullable column skips NULLs and
-- returns an older value):
--   SELECT window_end, argMax(tuple(active_24h, weekly_avg, drop_ratio), version) AS newest
--   FROM tenant_pulse.active_tenants_hourly GROUP BY window_end ORDER BY window_end
--
-- Neither table is partitioned: 24 rows a day (times the plans) would make tiny partitions, and
-- ReplacingMergeTree only replaces inside one partition anyway.

-- version: the writer stamps each emit with its computation time in ms (the default below), so
-- the newest computation wins whatever order sink retries land in.
CREATE TABLE IF NOT EXISTS tenant_pulse.active_tenants_hourly
(
    window_end  DateTime('UTC')    COMMENT 'Whole UTC hour H ending the 24 h window [H-24h, H)',
    active_24h  UInt64             COMMENT 'Distinct tenants with an activity event (activity, feature_used, onboarding_step, usage) in [H-24h, H), 0 (never a missing row) when no tenant was active',
    weekly_avg  Nullable(Float64)  COMMENT 'Mean of active_24h at H-1d .. H-7d, NULL while any of those hours precedes the first hour emitted',
    drop_ratio  Nullable(Float64)  COMMENT '1 - active_24h / weekly_avg, NULL when weekly_avg is NULL or 0',
    computed_at DateTime64(3, 'UTC') COMMENT 'When the pipeline computed this row',
    version     UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(computed_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY window_end
COMMENT 'Active tenants over the 24 h ending at each whole hour, cross-tenant: read with FINAL'
;

-- (window_end, plan): dashboards read time ranges, and the pair is the row identity the
-- re-emits replace on.
CREATE TABLE IF NOT EXISTS tenant_pulse.active_tenants_hourly_by_plan
(
    window_end  DateTime('UTC')    COMMENT 'Whole UTC hour H ending the 24 h window [H-24h, H)',
    plan        LowCardinality(String) COMMENT 'Plan of the tenant at H (unknown when it had none)',
    active_24h  UInt64             COMMENT 'Distinct tenants of this plan with an activity event in [H-24h, H)',
    weekly_avg  Nullable(Float64)  COMMENT 'Mean of active_24h of this plan at H-1d .. H-7d, NULL while any of those hours precedes the first hour emitted',
    drop_ratio  Nullable(Float64)  COMMENT '1 - active_24h / weekly_avg, NULL when weekly_avg is NULL or 0',
    computed_at DateTime64(3, 'UTC') COMMENT 'When the pipeline computed this row',
    version     UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(computed_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (window_end, plan)
COMMENT 'Active tenants per plan over the 24 h ending at each whole hour, cross-tenant: read with FINAL'
;
