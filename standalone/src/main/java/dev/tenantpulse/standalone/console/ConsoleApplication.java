package dev.tenantpulse.standalone.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The console of the embedded default: the analyst SQL endpoint ({@code POST /api/sql}) and the
 * operator API ({@code /api/keys}, {@code /api/pipeline}, {@code /api/recompute}, {@code
 * /api/users}), behind the admin token or a user's password, each endpoint for the roles {@link
 * ConsoleWebConfiguration#POLICY} names. It exists only in the one-process runtime: in production
 * analysts use the ClickHouse server's own interfaces with a read-only user, and operators the
 * Flink and Kafka tools.
 *
 * <p>Its own context and port, not a part of the collector: the collector scales out behind a load
 * balancer and must not carry an SQL endpoint, and an expensive query should not compete with
 * ingestion for the collector's request threads.
 */
@SpringBootApplication
public class ConsoleApplication {}
