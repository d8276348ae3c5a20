-- The billing export's ledger (issue 15), in the metadata database (H2 file embedded, PostgreSQL in
-- production). Plain SQL that both accept. Times are epoch milliseconds (BIGINT), windows the
-- epoch second of their UTC hour start: no time zone can ever shift a billed hour.

-- Every closed hour's measured usage as last read from usage_hourly, and what it should amount to
-- at Stripe in whole units of the meter's catalog unit (remainders carried within the month).
CREATE TABLE billing_windows (
    tenant_id         VARCHAR(64)      NOT NULL,
    meter             VARCHAR(64)      NOT NULL,
    window_start      BIGINT           NOT NULL,
    measured_quantity DOUBLE PRECISION NOT NULL,
    target_units      BIGINT           NOT NULL,
    measured_at       BIGINT           NOT NULL,
    PRIMARY KEY (tenant_id, meter, window_start)
);

-- Every meter event, written BEFORE the call (state pending) and updated after it (sent or
-- failed): a crash between the two leaves a pending row that the next cycle sends again with the
-- same identifier, which Stripe does not count twice. A window's exported units are the sum of its
-- sent rows; a correction is a new revision carrying the difference (negative when usage fell).
CREATE TABLE billing_sends (
    tenant_id     VARCHAR(64)   NOT NULL,
    meter         VARCHAR(64)   NOT NULL,
    window_start  BIGINT        NOT NULL,
    revision      INTEGER       NOT NULL,
    identifier    VARCHAR(100)  NOT NULL,
    customer_id   VARCHAR(80)   NOT NULL,
    event_name    VARCHAR(100)  NOT NULL,
    units         BIGINT        NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    attempts      INTEGER       NOT NULL,
    last_error    VARCHAR(1000),
    created_at    BIGINT        NOT NULL,
    sent_at       BIGINT,
    PRIMARY KEY (tenant_id, meter, window_start, revision),
    -- state: pending, sent or failed (SendState)
    CONSTRAINT billing_sends_identifier UNIQUE (identifier)
);
CREATE INDEX billing_sends_pending ON billing_sends (state);

-- Customers set through the operator API; they win over the stripe_customer_id of events.
CREATE TABLE billing_customers (
    tenant_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    customer_id VARCHAR(80) NOT NULL,
    updated_at  BIGINT      NOT NULL
);

-- Tenants whose export Stripe refused (a 4xx other than 429), with the reason; an operator lifts
-- the stop through the API once the cause is fixed, and the next cycle sends what is owed.
CREATE TABLE billing_stops (
    tenant_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    reason     VARCHAR(1000) NOT NULL,
    stopped_at BIGINT        NOT NULL
);
