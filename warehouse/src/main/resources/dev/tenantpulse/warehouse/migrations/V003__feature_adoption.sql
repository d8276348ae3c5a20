-- V003: daily feature adoption per plan (metric 2 of DESIGN.md).
-- Immutable once applied: a schema change is a new V00N file, never an edit of this one.
--
-- Cross-tenant: each row counts the tenants of a plan and holds no single tenant's data, so no
-- tenant_id. Who adopted what is answered from tenant_pulse.events (type = feature_used).
--
-- Reading: late events re-emit a day with a higher version, so read with FINAL:
--   SELECT plan, feature, adoption_ratio FROM tenant_pulse.feature_adoption_daily FINAL
--   WHERE day = yesterday() ORDER BY plan, feature
-- or with argMax, inside a tuple() (a plain argMax over a Nullable column skips NULLs and
-- returns an older value):
--   SELECT day, plan, feature, argMax(tuple(plan_tenants, adopting_tenants, adoption_ratio), version) AS newest
--   FROM tenant_pulse.feature_adoption_daily GROUP BY day, plan, feature

-- (day, plan, feature) is the row identity re-emits replace on, and day first serves the usual
-- read (one day, or a range of days). A few hundred rows a day: no partitioning.
CREATE TABLE IF NOT EXISTS tenant_pulse.feature_adoption_daily
(
    day              Date                   COMMENT 'UTC day D, the window is the 30 days [D+1d-30d, D+1d)',
    plan             LowCardinality(String) COMMENT 'Catalog plan P',
    feature          LowCardinality(String) COMMENT 'Catalog feature, or a feature seen in the window but not (yet) in the catalog',
    in_catalog       UInt8                  COMMENT '1 for a catalog feature, 0 for one only seen in events (reported so the catalog can catch up)',
    plan_tenants     UInt64                 COMMENT 'Tenants whose plan at D+1d is P and that are not churned then',
    adopting_tenants UInt64                 COMMENT 'Of plan_tenants, those with a feature_used event for this feature in the window',
    adoption_ratio   Nullable(Float64)      COMMENT 'adopting_tenants / plan_tenants, NULL when plan_tenants = 0',
    computed_at      DateTime64(3, 'UTC')   COMMENT 'When the pipeline computed this row',
    version          UInt64 DEFAULT toUInt64(toUnixTimestamp64Milli(computed_at)) COMMENT 'ReplacingMergeTree version: the highest wins'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (day, plan, feature)
COMMENT 'Feature adoption per UTC day, plan and feature over a 30-day window, cross-tenant: read with FINAL'
;
