package dev.tenantpulse.warehouse.chdb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One row of {@link TypeRoundTripContract}'s table: the values bound and expected back, and the
 * Java form ts is bound in (an Instant, OffsetDateTime or ZonedDateTime: each names its instant).
 */
record TypedRow(
    int id,
    String s,
    String lc,
    String ns,
    int u8,
    int u16,
    long u32,
    BigInteger u64,
    byte i8,
    short i16,
    int i32,
    long i64,
    double f64,
    BigDecimal d18,
    BigDecimal nd18,
    BigDecimal d38,
    LocalDate day,
    Instant ts,
    Object tsBound,
    boolean flag,
    UUID uid,
    List<String> tags,
    List<Integer> nums,
    Map<String, BigInteger> counts) {

  static final BigInteger U64_MAX = new BigInteger("18446744073709551615");
  static final Instant TS = Instant.parse("2026-11-27T10:15:30.123Z");

  /** Every column at its upper end, text beyond ASCII, a NULL inside an array. */
  static final TypedRow HIGH =
      new TypedRow(
          1,
          "héllo ✓ 𝄞 中文",
          "plan-pro",
          "present",
          255,
          65535,
          4294967295L,
          U64_MAX,
          Byte.MAX_VALUE,
          Short.MAX_VALUE,
          Integer.MAX_VALUE,
          Long.MAX_VALUE,
          Math.PI,
          new BigDecimal("99999999999999.9999"),
          new BigDecimal("-12345.6789"),
          new BigDecimal("1234567890123456789012345678.0123456789"),
          LocalDate.of(2026, 11, 27),
          TS,
          TS,
          true,
          UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
          List.of("a", "b,c", "d'e"),
          Arrays.asList(1, null, -3),
          Map.of("x", U64_MAX));

  /** Every column at its lower end, NULLs, NaN, empty text and collections. */
  static final TypedRow LOW =
      new TypedRow(
          2,
          "",
          "",
          null,
          0,
          0,
          0,
          BigInteger.ZERO,
          Byte.MIN_VALUE,
          Short.MIN_VALUE,
          Integer.MIN_VALUE,
          Long.MIN_VALUE,
          Double.NaN,
          new BigDecimal("-99999999999999.9999"),
          null,
          new BigDecimal("-9999999999999999999999999999.0000000001"),
          LocalDate.of(1970, 1, 1),
          Instant.parse("1900-01-01T00:00:00.001Z"),
          OffsetDateTime.parse("1900-01-01T05:30:00.001+05:30"),
          false,
          new UUID(0, 0),
          List.of(),
          List.of(),
          Map.of());

  static final List<TypedRow> ALL =
      List.of(
          HIGH,
          LOW,
          HIGH.with(3, Double.POSITIVE_INFINITY, TS.atZone(ZoneId.of("Europe/Berlin"))),
          HIGH.with(4, Double.NEGATIVE_INFINITY, TS.atOffset(ZoneOffset.ofHours(-7))));

  List<Object> bound() {
    return Arrays.asList(
        id, s, lc, ns, u8, u16, u32, u64, i8, i16, i32, i64, f64, d18, nd18, d38, day, tsBound,
        flag, uid, tags, nums, counts);
  }

  TypedRow with(int newId, double newF64, Object newTsBound) {
    return new TypedRow(
        newId,
        s,
        lc,
        ns,
        u8,
        u16,
        u32,
        u64,
        i8,
        i16,
        i32,
        i64,
        newF64,
        d18,
        nd18,
        d38,
        day,
        ts,
        newTsBound,
        flag,
        uid,
        tags,
        nums,
        counts);
  }
}
