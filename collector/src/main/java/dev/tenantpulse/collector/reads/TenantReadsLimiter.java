package dev.tenantpulse.collector.reads;

import dev.tenantpulse.collector.limits.RateLimiter;

/** The reads' own rate limiter (per credential), apart from the ingestion's events budget. */
record TenantReadsLimiter(RateLimiter limiter) {}
