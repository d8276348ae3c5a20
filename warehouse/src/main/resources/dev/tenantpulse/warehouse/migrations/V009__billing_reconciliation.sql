-- V009: the billing export's reconciliation, for analysts and the alert rule (issue 15).
-- Immutable once applied: a schema change is a new V00N file, never an edit of this one.
--
-- Written by the billing exporter (its ledger is in the metadata database; this is its readable
-- copy): after each cycle, one row per closed hour, tenant and billed meter whose figures changed.
-- Reading, with FINAL (a window is re-written with a higher version whenever it changes):
--   SELECT tenant_id, meter, toStartOfMonth(hour) AS month, sum(measured_quantity) AS measured,
--          sum(exported_units) AS exported_units, sum(difference_units) AS difference
--   FROM tenant_pulse.billing_reconciliation FINAL GROUP BY tenant_id, meter, month
--   HAVING difference != 0 ORDER BY month, tenant_id, meter
-- and what is wrong now:
--   SELECT status, count(), min(hour) FROM tenant_pulse.billing_reconciliation FINAL
--   WHERE status != 'exported' GROUP BY status

-- Tenant first (pool model), then hour and meter: the row identity re-writes replace on. Month
-- partitions as usage_hourly, whose hours these are.
CREATE TABLE IF NOT EXISTS tenant_pulse.billing_reconciliation
(
    hour              DateTime('UTC')        COMMENT 'Start of the UTC hour (the window; the meter event timestamp)',
    tenant_id         String                 COMMENT 'Tenant id',
    meter             LowCardinality(String) COMMENT 'Catalog meter',
    stripe_event_name LowCardinality(String) COMMENT 'event_name of the Stripe meter it is exported to',
    measured_quantity Float64                COMMENT 'usage_hourly.quantity as the exporter last read it',
    measured_units    Int64                  COMMENT 'What the hour amounts to in whole units of the meter (remainders below one unit carried within the month)',
    exported_units    Int64                  COMMENT 'Units Stripe accepted for the hour (sum of its revisions)',
    difference_units  Int64                  COMMENT 'measured_units - exported_units: what Stripe is still owed (negative: over-billed, a correction is due)',
    status            LowCardinality(String) COMMENT 'exported, pending (a call is unsettled), owed (not yet sent), no_customer, stopped (Stripe refused the tenant''s events), expired (older than Stripe''s 35 days: never sent)',
    last_error        Nullable(String)       COMMENT 'The last error of an unsettled or refused send, or the reason of a stop',
    updated_at        DateTime64(3, 'UTC')   COMMENT 'When the exporter wrote this row',
    version           UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(updated_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(hour)
ORDER BY (tenant_id, hour, meter)
COMMENT 'Billing export: measured vs exported per closed hour, tenant and meter: read with FINAL'
;
