package dev.tenantpulse.flink.sink;

import java.io.Serializable;

/** How the sink waits between retries; tests pass one that acts instead of waiting. */
@FunctionalInterface
public interface Sleeper extends Serializable {

  Sleeper THREAD = Thread::sleep;

  void sleep(long millis) throws InterruptedException;
}
