package dev.tenantpulse.dashboards.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.dashboards.provisioning.ProvisionedDatasources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The read-only ClickHouse profile Grafana and analysts use ({@code
 * deploy/clickhouse/users.d/analyst.xml}), read as ClickHouse reads it: read-only, yet accepting
 * every setting the Grafana plugin sends with the values it sends, and carrying what the dashboards
 * need but may not set themselves.
 */
class ReadOnlyProfileTests {

  private static final Instant FROM = Instant.parse("2026-11-18T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-25T00:00:00Z");
  private static final Path DEPLOY = Path.of("..", "deploy", "clickhouse");
  private final Element clickhouse = root(DEPLOY.resolve("users.d/analyst.xml"));
  private final Element profile = child(child(clickhouse, "profiles"), "analyst");
  private final Element constraints = child(profile, "constraints");

  @Test
  void isReadOnlyAndCannotLeaveIt() {
    assertThat(text(profile, "readonly")).isEqualTo("1");
    assertThat(children(child(constraints, "readonly"))).containsExactly("const");
  }

  @Test
  void acceptsEverySettingThePluginSendsWithTheValuesItSends() {
    long maxExecutionTime =
        PluginRequests.maxExecutionTime(ProvisionedDatasources.QUERY_TIMEOUT_SECONDS);
    long hello = PluginRequests.maxExecutionTime(ProvisionedDatasources.DIAL_TIMEOUT_SECONDS);
    for (String setting : PluginRequests.SETTINGS) {
      Element constraint = child(constraints, setting);
      assertThat(children(constraint)).as(setting).contains("changeable_in_readonly");
      if (setting.equals("max_execution_time")) {
        assertThat(Long.parseLong(text(constraint, "min"))).isLessThanOrEqualTo(hello);
        assertThat(Long.parseLong(text(constraint, "max")))
            .isGreaterThanOrEqualTo(maxExecutionTime);
      }
    }
    long max = Long.parseLong(text(child(constraints, "max_execution_time"), "max"));
    List<PluginRequest> sent = new ArrayList<>(PluginRequests.committed(FROM, TO));
    sent.addAll(List.of(PluginRequests.hello(), PluginRequests.ping(), PluginRequests.version()));
    assertThat(sent)
        .allSatisfy(
            r ->
                assertThat(Long.parseLong(r.urlParameters().get("max_execution_time")))
                    .as(r.toString())
                    .isBetween(1L, max));
  }

  @Test
  void changeableInReadOnlyAreThePluginsSettingsAndNothingElse() {
    List<String> changeable = new ArrayList<>();
    for (Element constraint : elements(constraints)) {
      if (children(constraint).contains("changeable_in_readonly")) {
        changeable.add(constraint.getTagName());
      }
    }
    assertThat(changeable).containsExactlyInAnyOrderElementsOf(PluginRequests.SETTINGS);
  }

  @Test
  void theLimitsCannotBeRaised() {
    for (String limit : List.of("max_memory_usage", "max_result_rows", "result_overflow_mode")) {
      assertThat(text(profile, limit)).as(limit).isNotBlank();
      assertThat(children(child(constraints, limit))).as(limit).containsExactly("const");
    }
    assertThat(Long.parseLong(text(profile, "max_execution_time"))).isPositive();
    assertThat(Long.parseLong(text(child(constraints, "limit"), "max")))
        .isLessThanOrEqualTo(Long.parseLong(text(profile, "max_result_rows")));
  }

  @Test
  void carriesTheSettingsThePanelsMayNotSetThemselves() {
    for (Map.Entry<String, String> setting : ReaderProfile.SETTINGS.entrySet()) {
      assertThat(text(profile, setting.getKey()))
          .as(setting.getKey())
          .isEqualTo(setting.getValue());
    }
  }

  @Test
  void theUserReadsOnlyTenantPulseWithThatProfileAndAPasswordFromTheEnvironment() {
    Element user = child(child(clickhouse, "users"), "analyst");
    assertThat(text(user, "profile")).isEqualTo("analyst");
    assertThat(child(user, "password").getAttribute("from_env"))
        .isEqualTo("CLICKHOUSE_ANALYST_PASSWORD");
    assertThat(text(child(user, "allow_databases"), "database"))
        .isEqualTo(ProvisionedDatasources.DATABASE);
  }

  @Test
  void serverHonoursChangeableInReadOnly() throws Exception {
    // ClickHouse ignores changeable_in_readonly unless constraints replace previous ones.
    Element config = root(DEPLOY.resolve("config.d/access-control.xml"));
    assertThat(
            text(
                child(config, "access_control_improvements"),
                "settings_constraints_replace_previous"))
        .isEqualTo("true");
    String compose = Files.readString(DEPLOY.resolve("../docker-compose.yml"));
    assertThat(compose)
        .contains(
            "./clickhouse/users.d/analyst.xml:/etc/clickhouse-server/users.d/analyst.xml:ro",
            "./clickhouse/config.d/access-control.xml:"
                + "/etc/clickhouse-server/config.d/access-control.xml:ro");
  }

  static Element root(Path file) {
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(file.toFile())
          .getDocumentElement();
    } catch (Exception e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  private static List<Element> elements(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<String> children(Element parent) {
    return elements(parent).stream().map(Element::getTagName).toList();
  }

  private static Element child(Element parent, String name) {
    List<Element> found =
        elements(parent).stream().filter(e -> e.getTagName().equals(name)).toList();
    assertThat(found).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
    return found.get(0);
  }

  private static String text(Element parent, String name) {
    return child(parent, name).getTextContent().strip();
  }
}
