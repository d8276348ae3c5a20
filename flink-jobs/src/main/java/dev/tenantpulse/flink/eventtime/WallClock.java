package dev.tenantpulse.flink.eventtime;

import java.io.Serializable;

/** The wall clock the watermarks follow while the topic is silent; tests pass a manual one. */
@FunctionalInterface
public interface WallClock extends Serializable {

  WallClock SYSTEM = System::currentTimeMillis;

  long millis();
}
