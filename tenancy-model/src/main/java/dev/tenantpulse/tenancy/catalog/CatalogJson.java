package dev.tenantpulse.tenancy.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads from a catalog JSON tree that record a problem (with its JSON path) instead of
 * failing, so one load reports every mistake in the file.
 */
final class CatalogJson {

  private final List<String> problems = new ArrayList<>();

  List<String> problems() {
    return problems;
  }

  void problem(String path, String reason) {
    problems.add(path + ": " + reason);
  }

  /** Reports properties other than {@code allowed}: a misspelt key would otherwise be ignored. */
  void allowOnly(JsonNode object, String path, Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(object.propertyNames());
    unknown.removeAll(allowed);
    unknown.forEach(
        name ->
            problem(
                join(path, name), "unknown property (allowed: " + new TreeSet<>(allowed) + ")"));
  }

  JsonNode object(JsonNode parent, String path, String name) {
    JsonNode node = required(parent, path, name);
    if (node != null && !node.isObject()) {
      problem(join(path, name), "must be an object, got " + kind(node));
      return null;
    }
    return node;
  }

  JsonNode array(JsonNode parent, String path, String name) {
    JsonNode node = required(parent, path, name);
    if (node != null && !node.isArray()) {
      problem(join(path, name), "must be an array, got " + kind(node));
      return null;
    }
    return node;
  }

  String string(JsonNode parent, String path, String name) {
    JsonNode node = required(parent, path, name);
    return node == null ? null : asString(node, join(path, name));
  }

  String asString(JsonNode node, String path) {
    if (!node.isString()) {
      problem(path, "must be a string, got " + kind(node));
      return null;
    }
    return node.stringValue();
  }

  Integer integer(JsonNode parent, String path, String name) {
    JsonNode node = required(parent, path, name);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      problem(join(path, name), "must be an integer, got " + node);
      return null;
    }
    return node.intValue();
  }

  /** A list of strings; null when the list or any element is wrong (each is reported). */
  List<String> strings(JsonNode parent, String path, String name) {
    JsonNode array = array(parent, path, name);
    if (array == null) {
      return null;
    }
    List<String> values = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < array.size(); i++) {
      String value = asString(array.get(i), join(path, name) + "[" + i + "]");
      complete &= value != null;
      values.add(value);
    }
    return complete ? values : null;
  }

  private JsonNode required(JsonNode parent, String path, String name) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      problem(join(path, name), "is required");
      return null;
    }
    return node;
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
