package dev.tenantpulse.standalone.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages' pure functions (units, time ranges, Grafana's field rules), run in the browser they
 * are written for: the modules imported as the pages import them, called with values whose answers
 * are known. No data and no login needed.
 */
class PageScriptsTests extends ChromiumPageTests {

  @BeforeAll
  static void importTheModules() {
    if (!startTheBrowser()) {
      return; // each test then skips, visibly
    }
    browser.open("/login");
    browser.asyncScript(
        "const done = arguments[arguments.length - 1];"
            + "Promise.all(['units', 'time', 'frames'].map(m => import(`/assets/${m}.js`)))"
            + ".then(([units, time, frames]) => { window.tp = {units, time, frames}; done(true); })");
  }

  private static Object call(String expression, Object... args) {
    return browser.script("return " + expression, args);
  }

  private static String format(Object value, String unit, Integer decimals) {
    return (String)
        call(
            "tp.units.formatValue(arguments[0], arguments[1], arguments[2] ?? undefined)",
            value,
            unit,
            decimals);
  }

  @Test
  void valuesAreFormattedInTheUnitsTheBoardsUse() {
    assertThat(format(0.1234, "percentunit", 1)).isEqualTo("12.3%");
    assertThat(format(0.5, "percentunit", 0)).isEqualTo("50%");
    assertThat(format(42.25, "percent", null)).isEqualTo("42.3%");
    assertThat(format(1234.5, "currencyUSD", null)).isEqualTo("$1,234.50");
    assertThat(format(45, "s", null)).isEqualTo("45 s");
    assertThat(format(0.25, "s", null)).isEqualTo("250 ms");
    assertThat(format(5400, "s", null)).isEqualTo("1.5 hour");
    assertThat(format(3 * 86400, "s", null)).isEqualTo("3.0 day");
    assertThat(format(2, "h", null)).isEqualTo("2.0 hour");
    assertThat(format(1500, "ms", null)).isEqualTo("1.5 s");
    assertThat(format(12, "ops", null)).isEqualTo("12 ops/s");
    assertThat(format(1500, null, null)).isEqualTo("1.5 K");
    assertThat(format(2_500_000, "short", null)).isEqualTo("2.5 Mil");
    assertThat(format(7, null, null)).isEqualTo("7");
    assertThat(format(null, "percentunit", null)).isEqualTo("–");
    assertThat(format("sso", "string", null)).isEqualTo("sso");
  }

  @Test
  void rangeBoundsResolveInGrafanasFormsAndShowInUtc() {
    long now = Instant.parse("2026-02-14T12:00:00Z").toEpochMilli();
    assertThat(((Number) call("tp.time.resolve('now-7d', arguments[0])", now)).longValue())
        .isEqualTo(now - 7 * 86_400_000L);
    assertThat(((Number) call("tp.time.resolve('now-1M', arguments[0])", now)).longValue())
        .isEqualTo(Instant.parse("2026-01-14T12:00:00Z").toEpochMilli());
    assertThat(((Number) call("tp.time.resolve('1768435200000')")).longValue())
        .isEqualTo(1_768_435_200_000L);
    assertThat(((Number) call("tp.time.resolve('2026-01-15T00:00:00Z')")).longValue())
        .isEqualTo(Instant.parse("2026-01-15T00:00:00Z").toEpochMilli());
    assertThat(call("Number.isNaN(tp.time.resolve('yesterday'))")).isEqualTo(true);
    assertThat(call("tp.time.describeRange('now-30d', 'now')")).isEqualTo("Last 30 days");
    assertThat(call("tp.time.describeRange('1768435200000', '1771027200000')"))
        .isEqualTo("2026-01-15 00:00 to 2026-02-14 00:00 UTC");
    // The absolute picker's inputs are read as UTC, whatever the machine's zone.
    assertThat(((Number) call("tp.time.fromInputValue('2026-01-20T00:00')")).longValue())
        .isEqualTo(Instant.parse("2026-01-20T00:00:00Z").toEpochMilli());
    assertThat(call("tp.time.toInputValue(1768435200000)")).isEqualTo("2026-01-15T00:00");
  }

  @Test
  void aLongResultBecomesOneSeriesPerLabelNamedByTheDisplayNameTemplate() {
    @SuppressWarnings("unchecked")
    Map<String, Object> wide =
        (Map<String, Object>)
            call(
                "tp.frames.toSeries({fieldConfig: {defaults: {displayName:"
                    + " '${__field.labels.meter} · ${__field.labels.plan}'}}},"
                    + " {columns: [{name: 'time', type: \"DateTime('UTC')\"}, {name: 'meter',"
                    + " type: 'String'}, {name: 'plan', type: 'LowCardinality(String)'}, {name:"
                    + " 'quantity', type: 'UInt64'}], rows: [[2000, 'api_calls', 'starter', 5],"
                    + " [1000, 'api_calls', 'starter', 3], [1000, 'api_calls', 'enterprise', 7]]})");
    assertThat(wide.get("x")).isEqualTo(List.of(1000L, 2000L));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> series = (List<Map<String, Object>>) wide.get("series");
    assertThat(series)
        .extracting(s -> s.get("name"))
        .containsExactly("api_calls · starter", "api_calls · enterprise");
    assertThat(series.get(0).get("values")).isEqualTo(List.of(3L, 5L));
    assertThat(series.get(1).get("values")).isEqualTo(java.util.Arrays.asList(7L, null));
  }

  @Test
  void overridesThresholdsMappingsAndLinksFollowGrafanasRules() {
    String panel =
        "({fieldConfig: {defaults: {unit: 'short', thresholds: {steps: [{color: 'green', value:"
            + " null}]}}, overrides: [{matcher: {id: 'byName', options: 'drop_ratio'},"
            + " properties: [{id: 'unit', value: 'percentunit'}, {id: 'thresholds', value:"
            + " {steps: [{color: 'transparent', value: null}, {color: 'red', value: 0.2}]}}]}]}})";
    assertThat(call("tp.frames.fieldConfig(" + panel + ", 'drop_ratio').unit"))
        .isEqualTo("percentunit");
    assertThat(call("tp.frames.fieldConfig(" + panel + ", 'plan').unit")).isEqualTo("short");
    String thresholds = "tp.frames.fieldConfig(" + panel + ", 'drop_ratio').thresholds";
    assertThat(call("tp.frames.thresholdColor(" + thresholds + ", 0.1)")).isNull();
    assertThat(call("tp.frames.thresholdColor(" + thresholds + ", 0.25)")).isEqualTo("#c4162a");
    assertThat(call("tp.frames.textOn('#c4162a')")).isEqualTo("#ffffff");
    assertThat(call("tp.frames.textOn('rgb(242, 204, 12)')")).isEqualTo("#000000");
    assertThat(
            call(
                "tp.frames.mapValue([{type: 'value', options: {done: {color: 'green'}}}], 'done').color"))
        .isEqualTo("green");
    assertThat(
            call(
                "tp.frames.mapValue([{type: 'value', options: {done: {color: 'green'}}}], 'to do')"))
        .isNull();
    assertThat(
            call(
                "tp.frames.linkUrl('/d/tenant-pulse-tenant?var-tenant=${__value.raw}&${__url_time_range}',"
                    + " {raw: 'a b&c', text: 'a b&c', timeRange: 'from=1&to=2', variables: {all: '',"
                    + " param: () => undefined, raw: () => undefined}})"))
        .isEqualTo("/d/tenant-pulse-tenant?var-tenant=a%20b%26c&from=1&to=2");
    assertThat(
            call(
                "tp.frames.interpolate('Adoption of ${feature} per plan', {feature: {text: ['sso']}})"))
        .isEqualTo("Adoption of sso per plan");
    assertThat(
            call("tp.frames.interpolate('$feature: adopting tenants', {feature: {text: ['sso']}})"))
        .isEqualTo("sso: adopting tenants");
  }
}
