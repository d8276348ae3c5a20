package dev.tenantpulse.alerting.evaluation;

import static dev.tenantpulse.alerting.MetadataTables.instant;
import static dev.tenantpulse.alerting.MetadataTables.utc;

import dev.tenantpulse.alerting.MetadataTables;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

/**
 * When this install first evaluated a rule (table {@code first_evaluation}): durable, so a restart
 * or a second instance does not start the first-data grace again. Written once, by whichever
 * instance gets there first; read once per process, since it never changes.
 */
@Repository
public class FirstEvaluation {

  static final Table<?> FIRST_EVALUATION = MetadataTables.table("first_evaluation");
  static final Field<Integer> SINGLETON = MetadataTables.integer("singleton");
  static final Field<OffsetDateTime> STARTED = MetadataTables.time("started_at");

  private final DSLContext db;
  private volatile Instant cached;

  public FirstEvaluation(DSLContext db) {
    this.db = db;
  }

  /** The install's first evaluation; {@code now} when this is it. */
  public Instant startedAt(Instant now) {
    Instant known = cached;
    if (known != null) {
      return known;
    }
    known = read();
    if (known == null) {
      try {
        db.insertInto(FIRST_EVALUATION).set(SINGLETON, 1).set(STARTED, utc(now)).execute();
      } catch (DuplicateKeyException e) {
        // Another instance evaluated first, between the read and the insert: its time stands.
        // (Not an upsert: jOOQ emulates one on H2 with a MERGE whose unquoted names are
        // ambiguous.) Called outside any transaction, so the failed insert aborts nothing else.
      }
      known = read();
    }
    cached = known;
    return known;
  }

  private Instant read() {
    return instant(db.select(STARTED).from(FIRST_EVALUATION).fetchOne(STARTED));
  }
}
