-- V001: the database, raw events and the per-tenant state.
-- Immutable once applied: a schema change is a new V00N file, never an edit of this one.
-- Every statement is re-runnable (IF NOT EXISTS) and ends with a line holding only the terminator.
--
-- Reading: both tables are ReplacingMergeTree. A replayed or re-sent row is written as a new row
-- and only merged away later, at a time ClickHouse chooses, so plain SELECTs may see duplicates.
-- Read with FINAL:
--   SELECT type, count() FROM tenant_pulse.events FINAL
--   WHERE tenant_id = 'acme' AND event_time >= now() - INTERVAL 7 DAY GROUP BY type
-- or, on large ranges, pick the newest version yourself:
--   SELECT tenant_id, argMax(tuple(plan, churned_at), version) AS newest
--   FROM tenant_pulse.tenants GROUP BY tenant_id
-- (keep the tuple(): a plain argMax over a Nullable column skips NULLs and returns an older value)

CREATE DATABASE IF NOT EXISTS tenant_pulse
COMMENT 'Tenant Pulse business metrics. Metric tables are ReplacingMergeTree: read them with FINAL or argMax over version.'
;

-- Sort key: tenant first (pool model: every per-tenant query prunes to one tenant), then the day,
-- then the event id. ReplacingMergeTree collapses rows with equal sort keys inside one partition
-- only, so the key and the partition must both be functions of (tenant_id, event_id) alone.
-- toDate(event_time) and toYYYYMM(event_time) are, because a replay or a sink retry writes the
-- very same record (same timestamp) again, and a re-sent id inside the 7-day idempotency window
-- is dropped by the Flink dedup before it reaches this table. The day buys range pruning inside
-- a tenant, which a bare (tenant_id, event_id) key would not give (ids are not time ordered).
-- Known gap: the same id re-sent after 7 days with a timestamp on another day stays twice.
-- tenant_id stays a plain String: sorted first it compresses to almost nothing, and a
-- LowCardinality dictionary stops paying off once a part holds more than ~8k tenants.
CREATE TABLE IF NOT EXISTS tenant_pulse.events
(
    tenant_id     String                             COMMENT 'Tenant the event belongs to',
    event_id      String                             COMMENT 'Event id sent by the client, idempotency key together with tenant_id',
    type          LowCardinality(String)             COMMENT 'activity, feature_used, onboarding_step, usage, tenant_signed_up, plan_changed or tenant_churned',
    event_time    DateTime64(3, 'UTC')               COMMENT 'When it happened (client timestamp), the time every metric uses',
    received_at   DateTime64(3, 'UTC')               COMMENT 'When the collector accepted it',
    user_id       Nullable(String)                   COMMENT 'Acting user, NULL when not sent',
    feature       LowCardinality(Nullable(String))   COMMENT 'Feature name, set for feature_used',
    step          LowCardinality(Nullable(String))   COMMENT 'Onboarding step, set for onboarding_step',
    meter         LowCardinality(Nullable(String))   COMMENT 'Meter name, set for usage',
    quantity      Nullable(Float64)                  COMMENT 'Metered quantity (finite, >= 0), set for usage',
    plan          LowCardinality(Nullable(String))   COMMENT 'Plan, set for tenant_signed_up and plan_changed',
    billing_model LowCardinality(Nullable(String))   COMMENT 'flat, per_seat or usage, optional on tenant_signed_up and plan_changed',
    tenancy_model LowCardinality(Nullable(String))   COMMENT 'silo, pool or bridge, optional on tenant_signed_up and plan_changed',
    seats         Nullable(UInt32)                   COMMENT 'Seat count, optional on tenant_signed_up and plan_changed',
    -- JSON text as sent. ZSTD because free-form JSON compresses far better than with the default LZ4.
    properties    String DEFAULT '{}'                COMMENT 'The properties object as JSON text, {} when none was sent' CODEC(ZSTD(3)),
    late          UInt8 DEFAULT 0                    COMMENT '1 when it arrived later than the allowed lateness (default 1 h behind the newest event time): stored, left out of the streaming metrics, counted as late, counted again by a recompute',
    -- Defaults to received_at in ms, so of two copies the later receipt wins and a replay of the
    -- same record (same received_at) is a tie, where either identical copy may survive.
    version       UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(received_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
-- Month partitions: imports and recomputes work on time ranges, and old months can be dropped whole.
PARTITION BY toYYYYMM(event_time)
ORDER BY (tenant_id, toDate(event_time), event_id)
COMMENT 'Raw events, one row per (tenant_id, event_id) after merges: read with FINAL'
;

-- One row per tenant: the current state. Small, so no partitioning (FINAL then needs no
-- cross-partition care either). The metrics keep their own point-in-time plan history in Flink,
-- this table is for analysts and dashboards.
CREATE TABLE IF NOT EXISTS tenant_pulse.tenants
(
    tenant_id       String                           COMMENT 'Tenant id',
    plan            LowCardinality(String)           COMMENT 'Current plan, unknown before any tenant_signed_up or plan_changed event',
    billing_model   LowCardinality(Nullable(String)) COMMENT 'flat, per_seat or usage, NULL when never sent',
    tenancy_model   LowCardinality(Nullable(String)) COMMENT 'silo, pool or bridge, NULL when never sent',
    seats           Nullable(UInt32)                 COMMENT 'Seat count, NULL when never sent',
    signed_up_at    Nullable(DateTime64(3, 'UTC'))   COMMENT 'Timestamp of the first tenant_signed_up event, NULL when none was seen',
    plan_changed_at Nullable(DateTime64(3, 'UTC'))   COMMENT 'Timestamp of the latest tenant_signed_up or plan_changed event, when the current plan took effect',
    churned_at      Nullable(DateTime64(3, 'UTC'))   COMMENT 'Timestamp of the latest tenant_churned event when it is later than plan_changed_at, else NULL (not churned)',
    updated_at      DateTime64(3, 'UTC')             COMMENT 'When the pipeline computed this state',
    version         UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(updated_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY tenant_id
COMMENT 'Current state of each tenant, one row per tenant after merges: read with FINAL'
;
