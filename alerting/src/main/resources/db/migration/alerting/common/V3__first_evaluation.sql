-- When this install first evaluated a rule: the start of the first-data grace
-- (tenant-pulse.alerting.no-data-grace). One row at most, written once by whichever instance
-- evaluates first and never updated, so neither a restart nor a second instance restarts the grace.
-- Deleting the row starts a new grace at the next evaluation (after a restart of the alerting
-- processes, which read it once).
CREATE TABLE first_evaluation (
    singleton  INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    started_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An install upgraded to this version has been evaluating already: its oldest evaluation still in
-- the log (kept for evaluation-log-retention) starts the grace, which has passed long since, rather
-- than the upgrade, which would hold back a no_data its broken pipeline is due.
INSERT INTO first_evaluation (singleton, started_at)
SELECT 1, MIN(started_at) FROM evaluations HAVING MIN(started_at) IS NOT NULL;
