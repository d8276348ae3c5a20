package dev.tenantpulse.warehouse.chdb;

/** {@link TypeRoundTripContract} on the embedded engine. */
class ChdbTypeRoundTripTests extends TypeRoundTripContract {
  @Override
  SqlTarget target() {
    return SqlTarget.CHDB;
  }
}
