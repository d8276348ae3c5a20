package dev.tenantpulse.flink.source;

/**
 * An erasure notice read from the events topic ({@code TenantErasureNotice}): the metric operators
 * forget the tenant.
 *
 * @param erasedAt when the collector erased the tenant, epoch ms
 * @param partition the Kafka partition it was read from
 * @param offset its Kafka offset
 */
public record TenantErasure(String tenantId, long erasedAt, int partition, long offset) {}
