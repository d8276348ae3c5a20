-- Operators' exports and erasures of a tenant's data, kept after the tenant is gone: the record that
-- a request was carried out. Same portable SQL as V1 (H2 and PostgreSQL).
CREATE TABLE tenant_data_audit (
    id        VARCHAR(36)              PRIMARY KEY,  -- random UUID
    action    VARCHAR(16)              NOT NULL,     -- export or erase
    tenant_id VARCHAR(64)              NOT NULL,     -- the tenant the request named
    actor     VARCHAR(200)             NOT NULL,     -- who asked: the admin credential's name
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    detail    VARCHAR(4000)            NOT NULL      -- rows per table, as JSON text
);
