package dev.tenantpulse.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The three roles of every service. Each includes the one below it: an admin may do all an analyst
 * may, an analyst all a viewer may.
 */
public enum Role {
  /** Dashboards only. */
  VIEWER(EnumSet.of(Permission.VIEW_DASHBOARDS)),
  /** Dashboards, read-only SQL and the ClickHouse interface. */
  ANALYST(EnumSet.of(Permission.VIEW_DASHBOARDS, Permission.RUN_SQL)),
  /** Everything: keys, rules, recompute, users, and all an analyst may. */
  ADMIN(EnumSet.allOf(Permission.class));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = Set.copyOf(permissions);
  }

  public boolean may(Permission permission) {
    return permissions.contains(permission);
  }

  public Set<Permission> permissions() {
    return permissions;
  }

  /** The role's name as users write it: {@code admin}, {@code analyst}, {@code viewer}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The least role holding {@code permission}: what a refusal tells the caller to ask for. */
  public static Role weakestWith(Permission permission) {
    return Arrays.stream(values()).filter(r -> r.may(permission)).findFirst().orElseThrow();
  }

  /** The role named {@code text} (any case), or empty. */
  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    return Arrays.stream(values()).filter(r -> r.id().equalsIgnoreCase(t)).findFirst();
  }

  /** {@code admin, analyst, viewer}, for messages. */
  public static String ids() {
    return String.join(", ", ADMIN.id(), ANALYST.id(), VIEWER.id());
  }
}
