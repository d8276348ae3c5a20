package dev.tenantpulse.warehouse.chdb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Decodes one cell of ClickHouse's JSONCompact output into the Java value JDBC promises for its
 * type. 64-bit integers and non-finite floats arrive quoted ("nan", "inf"), as ClickHouse writes
 * them to keep JSON readers from losing precision.
 */
final class JsonValues {

  static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  private JsonValues() {}

  static Object decode(ClickHouseType type, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    ClickHouseType t = type.base();
    return switch (t.name()) {
      case "Int8" -> (byte) node.asInt();
      case "Int16", "UInt8" -> (short) node.asInt();
      case "Int32", "UInt16" -> node.asInt();
      case "Int64", "UInt32" -> Long.parseLong(node.asString());
      case "UInt64", "Int128", "UInt128", "Int256", "UInt256" -> new BigInteger(node.asString());
      case "Float32" -> (float) parseDouble(node);
      case "Float64" -> parseDouble(node);
      case "Decimal", "Decimal32", "Decimal64", "Decimal128", "Decimal256" ->
          new BigDecimal(node.asString()).setScale(t.scale());
      case "Bool" -> node.isBoolean() ? node.booleanValue() : "true".equals(node.asString());
      case "Date", "Date32" -> Date.valueOf(LocalDate.parse(node.asString()));
      case "DateTime", "DateTime64" ->
          Timestamp.from(localDateTime(node).atZone(t.zone()).toInstant());
      case "UUID" -> UUID.fromString(node.asString());
      case "Array" -> new ChdbArray(t.child(0), list(t.child(0), node));
      case "Map" -> map(t, node);
      case "Tuple" -> tuple(t, node);
      default -> node.isValueNode() ? node.asString() : node.toString();
    };
  }

  static LocalDateTime localDateTime(JsonNode node) {
    return LocalDateTime.parse(node.asString(), DATE_TIME);
  }

  private static double parseDouble(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return switch (node.asString()) {
      case "nan", "-nan" -> Double.NaN;
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(node.asString());
    };
  }

  static List<Object> list(ClickHouseType element, JsonNode array) {
    List<Object> values = new ArrayList<>(array.size());
    for (JsonNode item : array.values()) {
      values.add(decode(element, item));
    }
    return values;
  }

  private static Map<Object, Object> map(ClickHouseType t, JsonNode object) {
    Map<Object, Object> values = new LinkedHashMap<>();
    ClickHouseType keyType = t.child(0);
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      Object key =
          keyType.base().name().equals("String") ? e.getKey() : decodeKey(keyType, e.getKey());
      values.put(key, decode(t.child(1), e.getValue()));
    }
    return values;
  }

  private static Object decodeKey(ClickHouseType keyType, String key) {
    return decode(keyType, tools.jackson.databind.node.StringNode.valueOf(key));
  }

  private static List<Object> tuple(ClickHouseType t, JsonNode node) {
    List<Object> values = new ArrayList<>();
    int i = 0;
    for (JsonNode item : node.values()) {
      values.add(t.children().isEmpty() ? item.asString() : decode(t.child(i++), item));
    }
    return values;
  }
}
