package dev.tenantpulse.alerting.notify.outbox;

import static dev.tenantpulse.alerting.MetadataTables.instant;
import static dev.tenantpulse.alerting.MetadataTables.utc;
import static org.jooq.impl.DSL.select;

import dev.tenantpulse.alerting.MetadataTables;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/**
 * The outbox table. Rows are written inside the evaluation's transaction ({@link #enqueue}) and
 * then claimed, delivered and marked by the dispatcher, each step its own short transaction.
 */
@Repository
public class OutboxStore {

  static final Table<?> OUTBOX = MetadataTables.table("outbox");
  static final Field<Long> ID = MetadataTables.bigint("id");
  static final Field<String> KEY = MetadataTables.text("idempotency_key");
  static final Field<String> CHANNEL = MetadataTables.text("channel_name");
  static final Field<String> RULE = MetadataTables.text("rule_name");
  static final Field<String> LABELS = MetadataTables.text("labels_key");
  static final Field<String> KIND = MetadataTables.text("kind");
  static final Field<String> PAYLOAD = MetadataTables.text("payload");
  static final Field<OffsetDateTime> CREATED = MetadataTables.time("created_at");
  static final Field<Integer> ATTEMPTS = MetadataTables.integer("attempts");
  static final Field<OffsetDateTime> NEXT = MetadataTables.time("next_attempt_at");
  static final Field<String> CLAIMED_BY = MetadataTables.text("claimed_by");
  static final Field<String> TOKEN = MetadataTables.text("claim_token");
  static final Field<OffsetDateTime> CLAIMED_UNTIL = MetadataTables.time("claimed_until");
  static final Field<OffsetDateTime> DELIVERED = MetadataTables.time("delivered_at");
  static final Field<OffsetDateTime> GAVE_UP = MetadataTables.time("gave_up_at");
  static final Field<String> ERROR = MetadataTables.text("last_error");

  /** Every column, selected by name: H2 reports upper-case names, so select("*") would not map. */
  static final List<Field<?>> COLUMNS =
      List.of(
          ID,
          KEY,
          CHANNEL,
          RULE,
          LABELS,
          KIND,
          PAYLOAD,
          CREATED,
          ATTEMPTS,
          NEXT,
          CLAIMED_BY,
          TOKEN,
          CLAIMED_UNTIL,
          DELIVERED,
          GAVE_UP,
          ERROR);

  private final DSLContext db;

  public OutboxStore(DSLContext db) {
    this.db = db;
  }

  /** Adds a notification for a channel; call inside the transaction that decided it. */
  public void enqueue(
      String idempotencyKey,
      String channel,
      String rule,
      String labelsKey,
      String kind,
      String payload,
      Instant now) {
    db.insertInto(OUTBOX)
        .set(KEY, idempotencyKey)
        .set(CHANNEL, channel)
        .set(RULE, rule)
        .set(LABELS, labelsKey)
        .set(KIND, kind)
        .set(PAYLOAD, payload)
        .set(CREATED, utc(now))
        .set(ATTEMPTS, 0)
        .set(NEXT, utc(now))
        .execute();
  }

  private static Condition open() {
    return DELIVERED.isNull().and(GAVE_UP.isNull());
  }

  private static Condition claimable(Instant now) {
    return open().and(NEXT.le(utc(now))).and(CLAIMED_UNTIL.isNull().or(CLAIMED_UNTIL.lt(utc(now))));
  }

  /**
   * Claims up to {@code limit} due notifications for {@code instance} until {@code until} and
   * returns them, oldest first. The claim condition is repeated in the outer UPDATE so that, of two
   * instances selecting the same rows at once, the second finds them claimed once it gets the row
   * lock (PostgreSQL re-checks the WHERE clause of a row updated meanwhile).
   */
  public List<OutboxEntry> claim(String instance, Instant now, Instant until, int limit) {
    String token = UUID.randomUUID().toString();
    int claimed =
        db.update(OUTBOX)
            .set(CLAIMED_BY, instance)
            .set(TOKEN, token)
            .set(CLAIMED_UNTIL, utc(until))
            .where(ID.in(select(ID).from(OUTBOX).where(claimable(now)).orderBy(ID).limit(limit)))
            .and(claimable(now))
            .execute();
    if (claimed == 0) {
      return List.of();
    }
    return db.select(COLUMNS)
        .from(OUTBOX)
        .where(TOKEN.eq(token))
        .orderBy(ID)
        .fetch(OutboxStore::map);
  }

  /** Marks a claimed notification delivered; false when the claim was lost meanwhile. */
  public boolean delivered(OutboxEntry e, Instant now) {
    return db.update(OUTBOX)
            .set(DELIVERED, utc(now))
            .set(ATTEMPTS, e.attempts() + 1)
            .set(CLAIMED_UNTIL, (OffsetDateTime) null)
            .set(ERROR, (String) null)
            .where(ID.eq(e.id()).and(TOKEN.eq(e.claimToken())))
            .execute()
        > 0;
  }

  /** Records a failed attempt and when to try again. */
  public void retryLater(OutboxEntry e, Instant next, String error) {
    db.update(OUTBOX)
        .set(ATTEMPTS, e.attempts() + 1)
        .set(NEXT, utc(next))
        .set(CLAIMED_UNTIL, (OffsetDateTime) null)
        .set(ERROR, truncate(error))
        .where(ID.eq(e.id()).and(TOKEN.eq(e.claimToken())))
        .execute();
  }

  /** Gives a notification up (kept for the record and the API). */
  public void giveUp(OutboxEntry e, Instant now, String error) {
    db.update(OUTBOX)
        .set(ATTEMPTS, e.attempts() + 1)
        .set(GAVE_UP, utc(now))
        .set(CLAIMED_UNTIL, (OffsetDateTime) null)
        .set(ERROR, truncate(error))
        .where(ID.eq(e.id()).and(TOKEN.eq(e.claimToken())))
        .execute();
  }

  public long pendingCount() {
    return db.fetchCount(OUTBOX, open());
  }

  /** Newest first, optionally only pending, delivered or failed ones. */
  public List<OutboxEntry> list(String state, int limit) {
    Condition c =
        switch (state == null ? "" : state) {
          case "pending" -> open();
          case "delivered" -> DELIVERED.isNotNull();
          case "failed" -> GAVE_UP.isNotNull();
          default -> org.jooq.impl.DSL.noCondition();
        };
    return db.select(COLUMNS)
        .from(OUTBOX)
        .where(c)
        .orderBy(ID.desc())
        .limit(limit)
        .fetch(OutboxStore::map);
  }

  /** Drops delivered and given-up rows created before {@code cutoff}. */
  public int deleteFinishedBefore(Instant cutoff) {
    return db.deleteFrom(OUTBOX)
        .where(CREATED.lt(utc(cutoff)))
        .and(DELIVERED.isNotNull().or(GAVE_UP.isNotNull()))
        .execute();
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 1999) + "…";
  }

  private static OutboxEntry map(Record r) {
    return new OutboxEntry(
        r.get(ID),
        r.get(KEY),
        r.get(CHANNEL),
        r.get(RULE),
        r.get(LABELS),
        r.get(KIND),
        r.get(PAYLOAD),
        r.get(ATTEMPTS),
        instant(r.get(CREATED)),
        instant(r.get(NEXT)),
        r.get(TOKEN),
        instant(r.get(DELIVERED)),
        instant(r.get(GAVE_UP)),
        r.get(ERROR));
  }
}
