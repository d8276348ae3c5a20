package dev.tenantpulse.warehouse.chdb;

/** {@link JooqContract} on the embedded engine. */
class ChdbJooqTests extends JooqContract {
  @Override
  SqlTarget target() {
    return SqlTarget.CHDB;
  }
}
