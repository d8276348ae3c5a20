package dev.tenantpulse.standalone.clickhouse;

/**
 * What the interface says about itself in every response: the engine's version (in error texts),
 * its time zone ({@code X-ClickHouse-Timezone}), the server's display name, and the protocol
 * revision its {@code revision()} reports (Native is never written for a later one).
 */
record ServerIdentity(String version, String timezone, String displayName, long revision) {}
