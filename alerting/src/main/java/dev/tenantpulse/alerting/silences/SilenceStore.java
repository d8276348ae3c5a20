package dev.tenantpulse.alerting.silences;

import static dev.tenantpulse.alerting.MetadataTables.instant;
import static dev.tenantpulse.alerting.MetadataTables.utc;

import dev.tenantpulse.alerting.MetadataTables;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Silences in the metadata database (table {@code silences}). */
@Repository
public class SilenceStore {

  static final Table<?> SILENCES = MetadataTables.table("silences");
  static final Field<String> ID = MetadataTables.text("id");
  static final Field<String> RULE = MetadataTables.text("rule_name");
  static final Field<String> MATCHERS = MetadataTables.text("matchers");
  static final Field<OffsetDateTime> STARTS = MetadataTables.time("starts_at");
  static final Field<OffsetDateTime> ENDS = MetadataTables.time("ends_at");
  static final Field<String> NOTE = MetadataTables.text("note");
  static final Field<String> CREATED_BY = MetadataTables.text("created_by");
  static final Field<OffsetDateTime> CREATED_AT = MetadataTables.time("created_at");

  /** Every column, selected by name: H2 reports upper-case names, so select("*") would not map. */
  static final List<Field<?>> COLUMNS =
      List.of(ID, RULE, MATCHERS, STARTS, ENDS, NOTE, CREATED_BY, CREATED_AT);

  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private final DSLContext db;
  private final JsonMapper json;

  public SilenceStore(DSLContext db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  public void insert(Silence s) {
    db.insertInto(SILENCES)
        .set(ID, s.id())
        .set(RULE, s.rule())
        .set(MATCHERS, json.writeValueAsString(s.matchers()))
        .set(STARTS, utc(s.startsAt()))
        .set(ENDS, utc(s.endsAt()))
        .set(NOTE, s.comment())
        .set(CREATED_BY, s.createdBy())
        .set(CREATED_AT, utc(s.createdAt()))
        .execute();
  }

  /** Silences active at {@code now}. */
  public List<Silence> activeAt(Instant now) {
    return db.select(COLUMNS)
        .from(SILENCES)
        .where(STARTS.le(utc(now)).and(ENDS.gt(utc(now))))
        .fetch(this::map);
  }

  /** Every silence ending after {@code since} (active, pending and recently expired ones). */
  public List<Silence> endingAfter(Instant since) {
    return db.select(COLUMNS)
        .from(SILENCES)
        .where(ENDS.gt(utc(since)))
        .orderBy(STARTS, ID)
        .fetch(this::map);
  }

  public Optional<Silence> find(String id) {
    return db.select(COLUMNS).from(SILENCES).where(ID.eq(id)).fetchOptional(this::map);
  }

  /** Ends a silence now (kept, for the record); false when there is none with that id. */
  public boolean expire(String id, Instant now) {
    return db.update(SILENCES).set(ENDS, utc(now)).where(ID.eq(id).and(ENDS.gt(utc(now)))).execute()
        > 0;
  }

  public int deleteEndedBefore(Instant cutoff) {
    return db.deleteFrom(SILENCES).where(ENDS.lt(utc(cutoff))).execute();
  }

  private Silence map(Record r) {
    return new Silence(
        r.get(ID),
        r.get(RULE),
        json.readValue(r.get(MATCHERS), MAP),
        instant(r.get(STARTS)),
        instant(r.get(ENDS)),
        r.get(NOTE),
        r.get(CREATED_BY),
        instant(r.get(CREATED_AT)));
  }
}
