package dev.tenantpulse.alerting.state;

import static dev.tenantpulse.alerting.MetadataTables.instant;
import static dev.tenantpulse.alerting.MetadataTables.utc;

import dev.tenantpulse.alerting.MetadataTables;
import dev.tenantpulse.alerting.rules.Labels;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Status changes of alert instances (table {@code alert_history}), kept for a retention time. */
@Repository
public class AlertHistory {

  static final Table<?> HISTORY = MetadataTables.table("alert_history");
  static final Field<Long> ID = MetadataTables.bigint("id");
  static final Field<String> RULE = MetadataTables.text("rule_name");
  static final Field<String> LABELS = MetadataTables.text("labels_key");
  static final Field<String> FROM = MetadataTables.text("from_status");
  static final Field<String> TO = MetadataTables.text("to_status");
  static final Field<OffsetDateTime> AT = MetadataTables.time("changed_at");
  static final Field<Double> VALUE = MetadataTables.real("metric_value");
  static final Field<String> SUMMARY = MetadataTables.text("summary");
  static final Field<Integer> EPISODE = MetadataTables.integer("episode");
  static final Field<Boolean> NOTIFIED = MetadataTables.flag("notified");
  static final Field<Boolean> SILENCED = MetadataTables.flag("silenced");

  /** Every column, selected by name: H2 reports upper-case names, so select("*") would not map. */
  static final List<Field<?>> COLUMNS =
      List.of(ID, RULE, LABELS, FROM, TO, AT, VALUE, SUMMARY, EPISODE, NOTIFIED, SILENCED);

  private final DSLContext db;

  public AlertHistory(DSLContext db) {
    this.db = db;
  }

  public void append(AlertInstance after, Decision.Change change, Instant at) {
    db.insertInto(HISTORY)
        .set(RULE, after.rule())
        .set(LABELS, after.labels().key())
        .set(FROM, change.from().text())
        .set(TO, change.to().text())
        .set(AT, utc(at))
        .set(VALUE, after.value())
        .set(SUMMARY, AlertStore.truncate(after.summary(), 2000))
        .set(EPISODE, after.episode())
        .set(NOTIFIED, change.notified())
        .set(SILENCED, change.silenced())
        .execute();
  }

  /** Newest first; every argument may be null (no filter). */
  public List<HistoryEntry> query(String rule, Labels labels, Instant from, Instant to, int limit) {
    Condition c = DSL.noCondition();
    if (rule != null) {
      c = c.and(RULE.eq(rule));
    }
    if (labels != null) {
      c = c.and(LABELS.eq(labels.key()));
    }
    if (from != null) {
      c = c.and(AT.ge(utc(from)));
    }
    if (to != null) {
      c = c.and(AT.lt(utc(to)));
    }
    return db.select(COLUMNS)
        .from(HISTORY)
        .where(c)
        .orderBy(AT.desc(), ID.desc())
        .limit(limit)
        .fetch(
            r ->
                new HistoryEntry(
                    r.get(ID),
                    r.get(RULE),
                    Labels.fromKey(r.get(LABELS)).values(),
                    r.get(FROM),
                    r.get(TO),
                    instant(r.get(AT)),
                    r.get(VALUE),
                    r.get(SUMMARY),
                    r.get(EPISODE),
                    r.get(NOTIFIED),
                    r.get(SILENCED)));
  }

  /**
   * The hours among {@code hours} that were firing for the instance: its status just before H + 1h
   * (the outcome of judging hour H while it was the newest closed hour) was {@code firing}. Hours
   * older than the history's retention are never firing.
   */
  public Set<Instant> firingHours(String rule, Labels labels, Collection<Instant> hours) {
    if (hours.isEmpty()) {
      return Set.of();
    }
    Instant last = hours.stream().max(Instant::compareTo).orElseThrow().plus(Duration.ofHours(1));
    List<Map.Entry<Instant, String>> changes =
        db.select(AT, TO)
            .from(HISTORY)
            .where(RULE.eq(rule).and(LABELS.eq(labels.key())).and(AT.lt(utc(last))))
            .orderBy(AT.asc(), ID.asc())
            .fetch(r -> Map.entry(instant(r.get(AT)), r.get(TO)));
    Set<Instant> firing = new HashSet<>();
    for (Instant h : hours) {
      Instant end = h.plus(Duration.ofHours(1));
      String status = null;
      for (Map.Entry<Instant, String> change : changes) {
        if (!change.getKey().isBefore(end)) {
          break;
        }
        status = change.getValue();
      }
      if (AlertStatus.FIRING.text().equals(status)) {
        firing.add(h);
      }
    }
    return firing;
  }

  /** Deletes history older than {@code cutoff}; returns how many lines. */
  public int deleteBefore(Instant cutoff) {
    return db.deleteFrom(HISTORY).where(AT.lt(utc(cutoff))).execute();
  }
}
