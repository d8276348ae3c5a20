package dev.tenantpulse.alerting.state;

import static dev.tenantpulse.alerting.MetadataTables.instant;
import static dev.tenantpulse.alerting.MetadataTables.utc;

import dev.tenantpulse.alerting.MetadataTables;
import dev.tenantpulse.alerting.rules.Labels;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Alert instances in the metadata database (table {@code alert_instances}). */
@Repository
public class AlertStore {

  static final Table<?> INSTANCES = MetadataTables.table("alert_instances");
  static final Field<String> RULE = MetadataTables.text("rule_name");
  static final Field<String> LABELS = MetadataTables.text("labels_key");
  static final Field<String> STATUS = MetadataTables.text("status");
  static final Field<OffsetDateTime> STATUS_SINCE = MetadataTables.time("status_since");
  static final Field<OffsetDateTime> PENDING_SINCE = MetadataTables.time("pending_since");
  static final Field<Integer> EPISODE = MetadataTables.integer("episode");
  static final Field<OffsetDateTime> EPISODE_STARTED = MetadataTables.time("episode_started_at");
  static final Field<Integer> SENT = MetadataTables.integer("notifications_sent");
  static final Field<OffsetDateTime> LAST_NOTIFIED = MetadataTables.time("last_notified_at");
  static final Field<Double> VALUE = MetadataTables.real("metric_value");
  static final Field<String> SUMMARY = MetadataTables.text("summary");
  static final Field<OffsetDateTime> EVALUATED = MetadataTables.time("last_evaluated_at");

  /** Every column, selected by name: H2 reports upper-case names, so select("*") would not map. */
  static final List<Field<?>> COLUMNS =
      List.of(
          RULE,
          LABELS,
          STATUS,
          STATUS_SINCE,
          PENDING_SINCE,
          EPISODE,
          EPISODE_STARTED,
          SENT,
          LAST_NOTIFIED,
          VALUE,
          SUMMARY,
          EVALUATED);

  private final DSLContext db;

  public AlertStore(DSLContext db) {
    this.db = db;
  }

  /**
   * The instances of {@code rule}, keyed by labels key, locked until the transaction ends (only one
   * evaluation of a rule runs at a time; the lock makes that hold for any caller).
   */
  public Map<String, AlertInstance> lockRule(String rule) {
    Map<String, AlertInstance> out = new LinkedHashMap<>();
    db.select(COLUMNS)
        .from(INSTANCES)
        .where(RULE.eq(rule))
        .orderBy(LABELS)
        .forUpdate()
        .fetch()
        .forEach(r -> out.put(r.get(LABELS), map(r)));
    return out;
  }

  public void insert(AlertInstance a) {
    db.insertInto(INSTANCES)
        .set(RULE, a.rule())
        .set(LABELS, a.labels().key())
        .set(values(a))
        .execute();
  }

  public void update(AlertInstance a) {
    db.update(INSTANCES)
        .set(values(a))
        .where(RULE.eq(a.rule()).and(LABELS.eq(a.labels().key())))
        .execute();
  }

  private static Map<Field<?>, Object> values(AlertInstance a) {
    Map<Field<?>, Object> v = new LinkedHashMap<>();
    v.put(STATUS, a.status().text());
    v.put(STATUS_SINCE, utc(a.statusSince()));
    v.put(PENDING_SINCE, utc(a.pendingSince()));
    v.put(EPISODE, a.episode());
    v.put(EPISODE_STARTED, utc(a.episodeStartedAt()));
    v.put(SENT, a.notificationsSent());
    v.put(LAST_NOTIFIED, utc(a.lastNotifiedAt()));
    v.put(VALUE, a.value());
    v.put(SUMMARY, truncate(a.summary(), 2000));
    v.put(EVALUATED, utc(a.lastEvaluatedAt()));
    return v;
  }

  /** Every instance not inactive, optionally of one rule, across all rules otherwise. */
  public List<AlertInstance> list(String rule, boolean includeInactive) {
    var condition = DSL.noCondition();
    if (rule != null) {
      condition = condition.and(RULE.eq(rule));
    }
    if (!includeInactive) {
      condition = condition.and(STATUS.ne(AlertStatus.INACTIVE.text()));
    }
    return db.select(COLUMNS)
        .from(INSTANCES)
        .where(condition)
        .orderBy(RULE, LABELS)
        .fetch(AlertStore::map);
  }

  /** rule → status → instances, for the alert gauges (firing, pending and no_data only). */
  public Map<String, Map<String, Long>> activeCounts() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    db.select(RULE, STATUS, DSL.count())
        .from(INSTANCES)
        .where(
            STATUS.in(
                AlertStatus.FIRING.text(), AlertStatus.PENDING.text(), AlertStatus.NO_DATA.text()))
        .groupBy(RULE, STATUS)
        .fetch()
        .forEach(
            r ->
                out.computeIfAbsent(r.value1(), k -> new TreeMap<>())
                    .put(r.value2(), (long) r.value3()));
    return out;
  }

  private static AlertInstance map(Record r) {
    return new AlertInstance(
        r.get(RULE),
        Labels.fromKey(r.get(LABELS)),
        AlertStatus.of(r.get(STATUS)),
        instant(r.get(STATUS_SINCE)),
        instant(r.get(PENDING_SINCE)),
        r.get(EPISODE),
        instant(r.get(EPISODE_STARTED)),
        r.get(SENT),
        instant(r.get(LAST_NOTIFIED)),
        r.get(VALUE),
        r.get(SUMMARY),
        instant(r.get(EVALUATED)));
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
