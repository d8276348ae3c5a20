package dev.tenantpulse.dashboards.macros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grafana's template variable interpolation, as the boards use it. */
class TemplateVariablesTests {

  private static final Map<String, List<String>> PLANS =
      Map.of("plan", List.of("starter", "pro"), "feature", List.of("it's"));

  @Test
  void singlequoteQuotesEachValueForAnInList() {
    assertThat(TemplateVariables.interpolate("plan IN (${plan:singlequote})", PLANS))
        .isEqualTo("plan IN ('starter','pro')");
    assertThat(TemplateVariables.interpolate("f = ${feature:singlequote}", PLANS))
        .isEqualTo("f = 'it\\'s'");
  }

  @Test
  void sqlstringDoublesQuotes() {
    assertThat(TemplateVariables.interpolate("f = ${feature:sqlstring}", PLANS))
        .isEqualTo("f = 'it''s'");
  }

  @Test
  void withoutAFormatTheClickHouseFormatterPastesOneValueRaw() {
    // Why the boards always name a format: one value is pasted without quotes.
    assertThat(TemplateVariables.interpolate("$plan / [[feature]]", PLANS))
        .isEqualTo("'starter','pro' / it's");
    assertThat(TemplateVariables.interpolate("${plan}", Map.of("plan", List.of("starter"))))
        .isEqualTo("starter");
  }

  @Test
  void leavesGlobalVariablesAndPluginMacrosAlone() {
    String sql = "WHERE $__timeFilter(t) AND x > $__interval_s AND ${__from}";
    assertThat(TemplateVariables.interpolate(sql, PLANS)).isEqualTo(sql);
    assertThat(TemplateVariables.references(sql)).isEmpty();
  }

  @Test
  void refusesAVariableTheDashboardDoesNotDefine() {
    assertThatThrownBy(() -> TemplateVariables.interpolate("x = ${meter:sqlstring}", PLANS))
        .hasMessageContaining("$meter");
    assertThat(TemplateVariables.references("${meter:csv} [[plan]] $feature"))
        .containsExactly(
            new TemplateVariables.Reference("meter", "csv"),
            new TemplateVariables.Reference("plan", null),
            new TemplateVariables.Reference("feature", null));
  }
}
