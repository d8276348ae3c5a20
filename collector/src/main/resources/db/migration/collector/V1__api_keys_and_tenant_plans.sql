-- Collector metadata. Runs unchanged on H2 (embedded default) and PostgreSQL (production): only
-- types and syntax both accept (VARCHAR, CHAR, TIMESTAMP WITH TIME ZONE; no dialect functions).
--
-- Times are TIMESTAMP WITH TIME ZONE (PostgreSQL timestamptz): they hold an instant. A plain
-- TIMESTAMP holds a wall-clock reading, and JDBC fills it in the JVM's default zone, so replicas in
-- different zones, or the repeated hour when daylight saving ends, would compare effective_at
-- wrongly, and tenant_plans decides which plan event is the newest by that comparison. The
-- application binds OffsetDateTime in UTC, truncated to microseconds (both engines' precision).

CREATE TABLE api_keys (
    key_id     VARCHAR(32)              PRIMARY KEY,  -- public id, safe to log
    key_hash   CHAR(64)                 NOT NULL,     -- SHA-256 hex of the key; the key itself is never stored
    name       VARCHAR(200)             NOT NULL,
    tenant_id  VARCHAR(64),                           -- NULL: server key (any tenant); else the one tenant it writes
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE               -- set once, never cleared: a revoked key stays revoked
);

-- The plan each tenant is on, from the plan events the collector accepted. effective_at is the
-- event's timestamp: an older event arriving late never overwrites a newer plan.
CREATE TABLE tenant_plans (
    tenant_id    VARCHAR(64)              PRIMARY KEY,
    plan         VARCHAR(64)              NOT NULL,
    effective_at TIMESTAMP WITH TIME ZONE NOT NULL,
    event_id     VARCHAR(128)             NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
