-- Portal tokens (tenant-facing read API) are signed and carry their expiry, so nothing is stored
-- when one is minted; a revoked one is listed here until its expiry has passed. Same portable SQL
-- as V1 (H2 and PostgreSQL).
CREATE TABLE portal_token_revocations (
    token_id   VARCHAR(32)              PRIMARY KEY,  -- the token's public id (jti)
    revoked_at TIMESTAMP WITH TIME ZONE NOT NULL
);
