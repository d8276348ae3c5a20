package dev.tenantpulse.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTests {

  @Test
  void anAnalystRunsSqlButManagesNothing() {
    assertThat(Role.ANALYST.may(Permission.RUN_SQL)).isTrue();
    assertThat(Role.ANALYST.may(Permission.VIEW_DASHBOARDS)).isTrue();
    for (Permission p :
        new Permission[] {
          Permission.MANAGE_KEYS,
          Permission.EDIT_RULES,
          Permission.RECOMPUTE,
          Permission.MANAGE_USERS
        }) {
      assertThat(Role.ANALYST.may(p)).as(p.name()).isFalse();
    }
  }

  @Test
  void aViewerOnlyViewsDashboards() {
    assertThat(Role.VIEWER.permissions()).containsExactly(Permission.VIEW_DASHBOARDS);
  }

  @Test
  void anAdminMayDoEverything() {
    for (Permission p : Permission.values()) {
      assertThat(Role.ADMIN.may(p)).isTrue();
    }
  }

  @Test
  void namesTheWeakestRoleForEachPermission() {
    assertThat(Role.weakestWith(Permission.RUN_SQL)).isEqualTo(Role.ANALYST);
    assertThat(Role.weakestWith(Permission.VIEW_DASHBOARDS)).isEqualTo(Role.VIEWER);
    assertThat(Role.weakestWith(Permission.RECOMPUTE)).isEqualTo(Role.ADMIN);
  }

  @Test
  void parsesRoleNamesInAnyCaseAndNothingElse() {
    assertThat(Role.parse(" Analyst ")).contains(Role.ANALYST);
    assertThat(Role.parse("root")).isEmpty();
    assertThat(Role.parse(null)).isEmpty();
  }
}
