package dev.tenantpulse.alerting.evaluation;

import static dev.tenantpulse.alerting.MetadataTables.instant;
import static dev.tenantpulse.alerting.MetadataTables.utc;

import dev.tenantpulse.alerting.MetadataTables;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/** Which instance evaluated which rule for which scheduled time (table {@code evaluations}). */
@Repository
public class EvaluationLog {

  static final Table<?> EVALUATIONS = MetadataTables.table("evaluations");
  static final Field<Long> ID = MetadataTables.bigint("id");
  static final Field<String> RULE = MetadataTables.text("rule_name");
  static final Field<OffsetDateTime> SCHEDULED = MetadataTables.time("scheduled_at");
  static final Field<String> INSTANCE = MetadataTables.text("instance_id");
  static final Field<OffsetDateTime> STARTED = MetadataTables.time("started_at");
  static final Field<Long> DURATION = MetadataTables.bigint("duration_ms");
  static final Field<String> OUTCOME = MetadataTables.text("outcome");
  static final Field<String> DETAIL = MetadataTables.text("detail");

  /** Every column, selected by name: H2 reports upper-case names, so select("*") would not map. */
  static final List<Field<?>> COLUMNS =
      List.of(ID, RULE, SCHEDULED, INSTANCE, STARTED, DURATION, OUTCOME, DETAIL);

  /** One evaluation. {@code scheduledAt} is Quartz's scheduled fire time, null when run by hand. */
  public record Entry(
      String rule,
      Instant scheduledAt,
      String instanceId,
      Instant startedAt,
      long durationMs,
      String outcome,
      String detail) {}

  private final DSLContext db;

  public EvaluationLog(DSLContext db) {
    this.db = db;
  }

  public void record(Entry e) {
    db.insertInto(EVALUATIONS)
        .set(RULE, e.rule())
        .set(SCHEDULED, utc(e.scheduledAt()))
        .set(INSTANCE, e.instanceId())
        .set(STARTED, utc(e.startedAt()))
        .set(DURATION, e.durationMs())
        .set(OUTCOME, e.outcome())
        .set(
            DETAIL,
            e.detail() == null || e.detail().length() <= 2000
                ? e.detail()
                : e.detail().substring(0, 2000))
        .execute();
  }

  /** Newest first. */
  public List<Entry> recent(String rule, int limit) {
    return db.select(COLUMNS)
        .from(EVALUATIONS)
        .where(rule == null ? org.jooq.impl.DSL.noCondition() : RULE.eq(rule))
        .orderBy(ID.desc())
        .limit(limit)
        .fetch(
            r ->
                new Entry(
                    r.get(RULE),
                    instant(r.get(SCHEDULED)),
                    r.get(INSTANCE),
                    instant(r.get(STARTED)),
                    r.get(DURATION),
                    r.get(OUTCOME),
                    r.get(DETAIL)));
  }

  public int deleteBefore(Instant cutoff) {
    return db.deleteFrom(EVALUATIONS).where(STARTED.lt(utc(cutoff))).execute();
  }
}
