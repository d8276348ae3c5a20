package dev.tenantpulse.warehouse.chdb;

/** {@link BoundValueContract} on the embedded engine. */
class ChdbBoundValueTests extends BoundValueContract {
  @Override
  SqlTarget target() {
    return SqlTarget.CHDB;
  }
}
