package dev.tenantpulse.collector.tenantdata;

import java.time.Instant;

/**
 * Tells the streaming job that a tenant is erased ({@code TenantErasureNotice} on the events
 * topic), so it forgets the tenant and writes no later row that counts it.
 */
public interface ErasureNotices {

  /**
   * Writes the notice and returns once the broker acknowledged it.
   *
   * @throws dev.tenantpulse.collector.web.ApiException 503 when that did not happen in time
   */
  void publish(String tenantId, Instant erasedAt);
}
