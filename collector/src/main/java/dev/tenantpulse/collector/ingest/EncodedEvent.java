package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.tenancy.events.TenantEvent;

/**
 * A valid event with its Kafka record value ({@link dev.tenantpulse.tenancy.events.EventCodec}'s
 * JSON), encoded once: the per-event size limit is checked on these bytes and the publisher sends
 * them, instead of encoding each event twice on the ingestion hot path.
 */
public record EncodedEvent(TenantEvent event, byte[] json) {}
