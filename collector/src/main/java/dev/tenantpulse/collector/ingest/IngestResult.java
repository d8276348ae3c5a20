package dev.tenantpulse.collector.ingest;

import java.util.List;

/** The answer to a batch: how many events Kafka acknowledged, and why the others were refused. */
public record IngestResult(int accepted, List<Rejection> rejected) {}
