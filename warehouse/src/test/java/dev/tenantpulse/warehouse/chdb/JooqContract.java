package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jOOQ (CLICKHOUSE dialect, experimental in jOOQ) over the driver: the DSL inserts, batches and
 * queries with bind values, and maps rows into records.
 */
abstract class JooqContract {

  record Usage(String tenant, String feature, BigDecimal amount, OffsetDateTime at) {}

  record FeatureTotal(String feature, Integer uses, BigDecimal amount) {}

  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-27T09:00:00Z");

  private final Field<String> tenant = field(name("tenant"), String.class);
  private final Field<String> feature = field(name("feature"), String.class);
  private final Field<BigDecimal> amount = field(name("amount"), BigDecimal.class);
  private final Field<OffsetDateTime> at = field(name("at"), OffsetDateTime.class);

  /**
   * The same column for predicates, compared as text. jOOQ's CLICKHOUSE dialect binds an
   * OffsetDateTime or Instant as '2026-11-27 09:00:00+00:00', which ClickHouse inserts but cannot
   * compare with a DateTime64 column (Code 53, TYPE_MISMATCH); a LocalDateTime is converted by
   * jdbc-v2 in the JVM's zone. Text without an offset the engine reads in the column's zone (UTC),
   * the same through either driver, whatever the JVM's zone.
   */
  private final Field<String> atUtcText = field(name("at"), String.class);

  private Table<?> usage;

  abstract SqlTarget target();

  @BeforeEach
  void createTable() throws Exception {
    String db = target().freshDatabase("jooq");
    usage = table(name(db, "usage"));
    try (Connection c = target().connect()) {
      DSL.using(c, SQLDialect.CLICKHOUSE)
          .execute(
              "CREATE TABLE {0} (tenant String, feature LowCardinality(String),"
                  + " amount Decimal(18, 4), at DateTime64(3, 'UTC'))"
                  + " ENGINE = MergeTree ORDER BY (tenant, at)",
              usage);
    }
  }

  private void insertSample(DSLContext ctx) {
    assertThat(
            ctx.insertInto(usage, tenant, feature, amount, at)
                .values("acme", "export", new BigDecimal("1.2500"), T0)
                .execute())
        .isEqualTo(1);
    var batch =
        ctx.batch(
                ctx.insertInto(usage, tenant, feature, amount, at)
                    .values((String) null, null, null, null))
            .bind("acme", "export", new BigDecimal("2.5000"), T0.plusMinutes(1))
            .bind("acme", "search", new BigDecimal("0.0001"), T0.plusMinutes(2))
            .bind("globex", "export", new BigDecimal("100.0000"), T0.plusMinutes(3))
            .bind("x' OR 1=1 --", "search", new BigDecimal("7.0000"), T0.plusMinutes(4));
    assertThat(batch.execute()).hasSize(4);
  }

  @Test
  void insertsAndBatchesThroughTheDsl() throws Exception {
    try (Connection c = target().connect()) {
      DSLContext ctx = DSL.using(c, SQLDialect.CLICKHOUSE);
      insertSample(ctx);
      assertThat(ctx.fetchCount(usage)).isEqualTo(5);
      assertThat(ctx.fetchCount(usage, tenant.eq("acme"))).isEqualTo(3);
      assertThat(ctx.fetchCount(usage, tenant.eq("x' OR 1=1 --"))).isEqualTo(1);
    }
  }

  @Test
  void groupsAndOrdersWithBindValuesIntoRecords() throws Exception {
    try (Connection c = target().connect()) {
      DSLContext ctx = DSL.using(c, SQLDialect.CLICKHOUSE);
      insertSample(ctx);
      List<FeatureTotal> totals =
          ctx.select(feature, count(), sum(amount))
              .from(usage)
              .where(tenant.eq("acme"))
              .and(atUtcText.ge("2026-11-27 09:00:30"))
              .groupBy(feature)
              .orderBy(feature)
              .fetch(Records.mapping(FeatureTotal::new));
      assertThat(totals)
          .containsExactly(
              new FeatureTotal("export", 1, new BigDecimal("2.5000")),
              new FeatureTotal("search", 1, new BigDecimal("0.0001")));
    }
  }

  @Test
  void fetchesRowsIntoJavaRecords() throws Exception {
    try (Connection c = target().connect()) {
      DSLContext ctx = DSL.using(c, SQLDialect.CLICKHOUSE);
      insertSample(ctx);
      List<Usage> rows =
          ctx.select(tenant, feature, amount, at)
              .from(usage)
              .where(feature.eq("export"))
              .orderBy(at.desc())
              .limit(2)
              .fetchInto(Usage.class);
      assertThat(rows)
          .extracting(Usage::tenant, Usage::amount, u -> u.at().toInstant())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "globex", new BigDecimal("100.0000"), Instant.parse("2026-11-27T09:03:00Z")),
              org.assertj.core.groups.Tuple.tuple(
                  "acme", new BigDecimal("2.5000"), T0.plusMinutes(1).toInstant()));
      assertThat(rows.get(0).at().getOffset()).isEqualTo(ZoneOffset.UTC);
    }
  }
}
