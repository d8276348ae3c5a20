package dev.tenantpulse.alerting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Helpers for the metadata tables, which jOOQ reaches by name (the Flyway migrations are the
 * schema's single source; no generated classes to keep in step). Names render unquoted, see {@link
 * AlertingConfiguration}.
 */
public final class MetadataTables {

  private MetadataTables() {}

  public static Table<?> table(String name) {
    return DSL.table(DSL.name(name));
  }

  public static Field<String> text(String name) {
    return DSL.field(DSL.name(name), SQLDataType.VARCHAR);
  }

  public static Field<Integer> integer(String name) {
    return DSL.field(DSL.name(name), SQLDataType.INTEGER);
  }

  public static Field<Long> bigint(String name) {
    return DSL.field(DSL.name(name), SQLDataType.BIGINT);
  }

  public static Field<Double> real(String name) {
    return DSL.field(DSL.name(name), SQLDataType.DOUBLE);
  }

  public static Field<Boolean> flag(String name) {
    return DSL.field(DSL.name(name), SQLDataType.BOOLEAN);
  }

  public static Field<OffsetDateTime> time(String name) {
    return DSL.field(DSL.name(name), SQLDataType.TIMESTAMPWITHTIMEZONE);
  }

  public static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  public static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
