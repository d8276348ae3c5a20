-- V008: what billing needs from the warehouse (issue 15): who Stripe bills for a tenant, and usage
-- per closed hour, the unit the exporter sends to Stripe Billing Meters.
-- Immutable once applied: a schema change is a new V00N file, never an edit of this one.
--
-- Reading the customer of each tenant (the latest signup or plan change that named one; an event
-- without the field keeps the previous customer):
--   SELECT tenant_id, argMax(stripe_customer_id, event_time) AS customer FROM tenant_pulse.events
--   WHERE type IN ('tenant_signed_up', 'plan_changed') AND stripe_customer_id IS NOT NULL
--   GROUP BY tenant_id
-- Reading usage_hourly, as usage_daily: a late event re-emits the hour with a higher version, so
-- read with FINAL (or argMax per row identity), never sum() the raw rows:
--   SELECT hour, meter, quantity FROM tenant_pulse.usage_hourly FINAL
--   WHERE tenant_id = 'acme' AND hour >= now() - INTERVAL 2 DAY ORDER BY hour, meter

-- Nullable: most events are not signups, and NULL (not '') says "not sent" as for plan or seats.
ALTER TABLE tenant_pulse.events
    ADD COLUMN IF NOT EXISTS stripe_customer_id Nullable(String) COMMENT 'Stripe customer billed for the tenant''s usage from this event on, optional on tenant_signed_up and plan_changed'
;

-- The same definition as usage_daily (sum of quantity of the counted usage events, late events
-- within the lateness included by re-emitting the hour), per UTC hour [hour, hour + 1h). An hour's
-- row appears once event time passes the hour's end. sum over a day's hours = that day's
-- usage_daily row (both sum the same events; in Float64 the order of additions may differ in the
-- last bits for fractional quantities).
--
-- Tenant first (pool model; the exporter reads one tenant's hours), then hour and meter: the full
-- key is the row identity re-emits replace on. Month partitions, as usage_daily: an hour always
-- lands in its month, which keeps the replace correct. ~720 rows per tenant, meter and month.
CREATE TABLE IF NOT EXISTS tenant_pulse.usage_hourly
(
    hour        DateTime('UTC')        COMMENT 'Start of the UTC hour',
    tenant_id   String                 COMMENT 'Tenant id',
    meter       LowCardinality(String) COMMENT 'Meter name (the default catalog prices api_calls)',
    quantity    Float64                COMMENT 'Sum of quantity of the usage events of this tenant and meter with a timestamp in the hour',
    computed_at DateTime64(3, 'UTC')   COMMENT 'When the pipeline computed this row',
    version     UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(computed_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(hour)
ORDER BY (tenant_id, hour, meter)
COMMENT 'Metered usage per UTC hour, tenant and meter (what the billing exporter sends): read with FINAL'
;
