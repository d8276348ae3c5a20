package dev.tenantpulse.warehouse.chdb;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link BoundValueContract} on a ClickHouse server through the official driver (jdbc-v2). Skipped,
 * and reported as skipped, where Docker is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class ServerBoundValueTests extends BoundValueContract {
  @Override
  SqlTarget target() {
    return ClickHouseServer.INSTANCE;
  }
}
