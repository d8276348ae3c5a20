package dev.tenantpulse.tenancy.catalog;

import java.util.regex.Pattern;

/**
 * Syntax of the ids a catalog defines: plans, features, onboarding steps and meters.
 *
 * <p>Lower-case snake case, because these ids become ClickHouse values, Grafana series labels and
 * wire names, where {@code Pro} and {@code pro} would silently split one plan into two series. The
 * pattern is a subset of the event id pattern, so every catalog id can be sent in an event.
 */
public final class CatalogId {

  /** The regular expression every catalog id matches, as shown in error messages. */
  public static final String REGEX = "[a-z][a-z0-9_]{0,63}";

  private static final Pattern PATTERN = Pattern.compile(REGEX);

  private CatalogId() {}

  /** Whether {@code id} is a syntactically valid catalog id (null is not). */
  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }

  /** Returns {@code id} or throws an {@link IllegalArgumentException} naming what it identifies. */
  static String require(String id, String what) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(
          what + " id " + (id == null ? "null" : '"' + id + '"') + " must match " + REGEX);
    }
    return id;
  }
}
