-- V007: rollups of usage_daily for cross-tenant reads (metric 4 of DESIGN.md, issue 14).
-- Immutable once applied: a schema change is a new V00N file, never an edit of this one.
--
-- usage_daily is sorted tenant first (billing reads one tenant), so a query over every tenant and
-- a year reads 7.3 M rows for 10,000 tenants. The usage job writes two smaller tables beside it,
-- from the same counted events and with the same re-emits on late events:
--   usage_monthly        per UTC calendar month, tenant and meter (top tenants over months);
--   usage_daily_by_plan  per UTC day, plan and meter (usage per plan over days).
--
-- Reading, as usage_daily: a late event re-emits the rows it changes with a higher version, so
-- read with FINAL (or argMax per row identity), never sum() the raw rows:
--   SELECT tenant_id, meter, sum(quantity) FROM tenant_pulse.usage_monthly FINAL
--   WHERE month >= '2026-01-01' AND month < '2026-07-01' GROUP BY tenant_id, meter
--   SELECT day, plan, meter, quantity, tenants FROM tenant_pulse.usage_daily_by_plan FINAL
--   WHERE day >= today() - 30 AND tenants > 0 ORDER BY day, plan, meter

-- A month's row is the sum of the month's usage_daily rows the job has written so far: it is
-- (re-)emitted each time one of the month's days is closed or corrected, so at any moment (once
-- both sinks have flushed) sum(usage_daily FINAL over the month) = usage_monthly FINAL, also for
-- the current month. A recompute writes the months that START in its range, from every stored
-- event: recompute whole months to keep the two tables equal.
--
-- (month, tenant_id, meter): the one query reading it goes across tenants over a range of months,
-- so month leads; the key is also the row identity re-emits replace on. A tenant's own reads stay
-- on usage_daily (tenant first). Yearly partitions: a year is ~10,000 tenants x 12 months x meters
-- rows, and a (month, tenant, meter) row always lands in its month's year, which keeps the replace
-- correct (ReplacingMergeTree replaces only inside a partition).
CREATE TABLE IF NOT EXISTS tenant_pulse.usage_monthly
(
    month       Date                   COMMENT 'First day of the UTC calendar month',
    tenant_id   String                 COMMENT 'Tenant id',
    meter       LowCardinality(String) COMMENT 'Meter name',
    quantity    Float64                COMMENT 'Sum of quantity of the usage events of this tenant and meter with a timestamp in the month whose day usage_daily holds (every closed day)',
    computed_at DateTime64(3, 'UTC')   COMMENT 'When the pipeline computed this row',
    version     UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(computed_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(month)
ORDER BY (month, tenant_id, meter)
COMMENT 'Metered usage per UTC month, tenant and meter (sum of usage_daily): read with FINAL'
;

-- Plan of a (day, tenant) = the tenant's plan at the END of the day: the plan of its latest
-- tenant_signed_up / plan_changed event with timestamp < day + 1d ("plan at T" of DESIGN.md with
-- T = the day's end, as feature_adoption_daily uses it), 'unknown' when there is none; a churned
-- tenant keeps its last plan. Each usage_daily row thus counts under exactly one plan, and a
-- late plan change within the lateness moves the day's usage and re-emits both plans' rows.
--
-- tenants = 0: a row whose every tenant a late plan change moved to another plan (a replacing
-- engine cannot delete it); it adds nothing to a sum and readers counting rows skip it.
--
-- (day, plan, meter): the dashboards read day ranges, and the triple is the row identity. This
-- table is cross-tenant (counts and sums, no single tenant's data), so it carries no tenant_id,
-- like active_tenants_hourly_by_plan. Yearly partitions: a few thousand rows a year.
CREATE TABLE IF NOT EXISTS tenant_pulse.usage_daily_by_plan
(
    day         Date                   COMMENT 'UTC day',
    plan        LowCardinality(String) COMMENT 'Plan of the tenant at the end of the day (latest signup or plan change before day + 1d), unknown when none',
    meter       LowCardinality(String) COMMENT 'Meter name',
    quantity    Float64                COMMENT 'Sum of usage_daily.quantity of the tenants on this plan that day',
    tenants     UInt64                 COMMENT 'Tenants on this plan with a usage_daily row for the day and meter (usage events, any quantity)',
    computed_at DateTime64(3, 'UTC')   COMMENT 'When the pipeline computed this row',
    version     UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(computed_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (day, plan, meter)
COMMENT 'Metered usage per UTC day, plan (at the end of the day) and meter, cross-tenant: read with FINAL'
;
