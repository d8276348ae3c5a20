-- V006: the dead letters of the Flink job: records it could not process, with the reason.
-- Immutable once applied: a schema change is a new V00N file, never an edit of this one.
--
-- The job never stops for one record (DESIGN.md, "Security and input"): a Kafka record that is not
-- an event, an event whose timestamp no table can hold, an event a metric cannot count, a row a
-- table refuses, each becomes one row here and the job goes on. Nothing else reads this table;
-- operators do, to see what was set aside and why, and to replay it once the cause is fixed (raw
-- holds the record as it was read).
--
-- Reading (ReplacingMergeTree: a record replayed after a restore is written again and only merged
-- away later, so use FINAL):
--   SELECT stage, count(), max(rejected_at) FROM tenant_pulse.rejected_events FINAL GROUP BY stage
--   SELECT rejected_at, reason, topic, partition, offset, raw FROM tenant_pulse.rejected_events FINAL
--   WHERE stage = 'event_time' ORDER BY rejected_at DESC LIMIT 20

-- Sort key: tenant first (pool model: the rows hold tenant data), then the record's identity. A
-- restore replays records from the checkpointed Kafka offsets, and each is refused again at the
-- same stage with the same (topic, partition, offset), so its second row replaces the first. Rows
-- that did not come straight from Kafka carry topic '' and partition/offset -1: the per-tenant
-- metric operator (identified by tenant_id and event_id) and metric rows a table refused (no event
-- id; cityHash64(raw) tells them apart, and as a re-emitted metric row carries a new version, each
-- refused re-emit keeps its own row).
-- Not partitioned: dead letters are few, and ReplacingMergeTree replaces only inside a partition,
-- so month partitions of rejected_at would keep both copies of a record replayed across a month's
-- end. TTL: 90 days (ALTER TABLE … MODIFY TTL to keep them longer); the TTL merge drops whole
-- rows, as nothing else refers to them.
CREATE TABLE IF NOT EXISTS tenant_pulse.rejected_events
(
    rejected_at DateTime64(3, 'UTC')   COMMENT 'When the job set the record aside (the wall clock of the task that refused it)',
    stage       LowCardinality(String) COMMENT 'Where it was refused: decode (not an event of the contract), event_time (timestamp before events.earliest, more than events.max-future after the receive time, or beyond 2100; or a receive time beyond 2100), lateness, dedup, metrics (the per-tenant metric operator, e.g. a usage sum beyond the double range), sink:<table> (the table refused the row)',
    reason      String                 COMMENT 'Why, in the words of the job or of ClickHouse (the error the engine gave for the row)',
    tenant_id   String                 COMMENT 'Tenant of the event; for a record that is not an event, the Kafka record key (the collector keys records by tenant); empty when unknown',
    event_id    String                 COMMENT 'Id of the event; empty for a record that is not an event and for a metric row',
    topic       LowCardinality(String) COMMENT 'Kafka topic the record was read from; empty for a metric row',
    partition   Int32                  COMMENT 'Kafka partition of the record; -1 when unknown (metric rows, the per-tenant metric operator)',
    offset      Int64                  COMMENT 'Kafka offset of the record; -1 when unknown',
    -- ZSTD as for events.properties: JSON text compresses far better than with the default LZ4.
    raw         String                 COMMENT 'The record: the Kafka value as text (prefixed base64: when it is not UTF-8), the event as JSON past the decoding, or the refused row as text; cut at 64 KiB' CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, stage, topic, partition, offset, event_id, cityHash64(raw))
TTL toDateTime(rejected_at) + INTERVAL 90 DAY
COMMENT 'Records the Flink job could not process (dead letters), with stage and reason: read with FINAL'
;
