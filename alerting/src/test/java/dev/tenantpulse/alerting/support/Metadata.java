package dev.tenantpulse.alerting.support;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Empties alerting's own tables between tests sharing one application. */
public final class Metadata {

  private Metadata() {}

  public static void clear(DSLContext db) {
    for (String t :
        new String[] {"alert_instances", "alert_history", "outbox", "silences", "evaluations"}) {
      db.deleteFrom(DSL.table(DSL.name(t))).execute();
    }
  }
}
