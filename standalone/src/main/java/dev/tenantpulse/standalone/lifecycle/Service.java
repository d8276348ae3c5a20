package dev.tenantpulse.standalone.lifecycle;

/**
 * One part of the one-process runtime (the broker, chDB, a Spring application, the MiniCluster …),
 * started in order by a {@link ServiceChain} and stopped in the reverse order.
 */
public interface Service {

  /** What the progress line calls it, e.g. {@code Kafka broker (KRaft)}. */
  String name();

  /**
   * Starts the part and returns once it serves.
   *
   * @return what the progress line says after "ready": usually where it listens
   * @throws Exception anything that keeps it from starting; the chain stops what it started
   */
  Started start() throws Exception;

  /** Stops the part; called once, and only after a successful {@link #start()}. */
  void stop() throws Exception;

  /**
   * How a start ended.
   *
   * @param where shown after "ready … at" (an address or a path); empty for none
   * @param skipped true when the part chose not to run (the line says so instead of "ready")
   */
  record Started(String where, boolean skipped) {

    public static Started at(String where) {
      return new Started(where, false);
    }

    /** Not running, for the reason given: the chain goes on and the line tells the user why. */
    public static Started skipped(String reason) {
      return new Started(reason, true);
    }
  }
}
