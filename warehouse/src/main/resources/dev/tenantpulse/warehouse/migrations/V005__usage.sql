-- V005: daily usage per tenant and meter (metric 4 of DESIGN.md).
-- Immutable once applied: a schema change is a new V00N file, never an edit of this one.
--
-- Reading: a late usage event re-emits the day with a higher version, so read with FINAL
-- (never sum() the raw rows: before a merge a re-emitted day is there twice):
--   SELECT meter, sum(quantity) FROM tenant_pulse.usage_daily FINAL
--   WHERE tenant_id = 'acme' AND day >= toStartOfMonth(today()) GROUP BY meter
-- or with argMax, one newest row per (tenant_id, day, meter) first:
--   SELECT tenant_id, meter, sum(q) FROM (SELECT tenant_id, day, meter, argMax(quantity, version) AS q
--   FROM tenant_pulse.usage_daily GROUP BY tenant_id, day, meter) GROUP BY tenant_id, meter

-- Tenant first (pool model, and billing reads one tenant over a month), then day and meter: the
-- full key is the row identity re-emits replace on. Month partitions follow billing periods and
-- keep the replace correct, as a (tenant, day, meter) row always lands in its day's month.
CREATE TABLE IF NOT EXISTS tenant_pulse.usage_daily
(
    day         Date                   COMMENT 'UTC day',
    tenant_id   String                 COMMENT 'Tenant id',
    meter       LowCardinality(String) COMMENT 'Meter name (the default catalog prices api_calls)',
    quantity    Float64                COMMENT 'Sum of quantity of the usage events of this tenant and meter with a timestamp in the day',
    computed_at DateTime64(3, 'UTC')   COMMENT 'When the pipeline computed this row',
    version     UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(computed_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (tenant_id, day, meter)
COMMENT 'Metered usage per UTC day, tenant and meter: read with FINAL'
;
