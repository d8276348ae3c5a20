package dev.tenantpulse.standalone.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.tenantpulse.standalone.Endpoints;
import dev.tenantpulse.standalone.e2e.StandaloneProcess;
import dev.tenantpulse.standalone.support.Browser;
import dev.tenantpulse.standalone.support.FreePorts;
import dev.tenantpulse.standalone.support.NodePackages;
import dev.tenantpulse.standalone.support.RunningRuntime;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Segment-compatible SDKs, unchanged and only pointed at the collector, against Tenant
 * Pulse started as a user starts it (its own process, the product's Flink pipeline): for each,
 * track, identify, group with a plan and page land in the {@code events} table with the mapped type
 * and tenant. Every delivery goes through {@link FailingFirstProxy}, which answers the first one
 * 503 after the collector accepted it: the SDK's own retry must count once.
 *
 * <p>Server side, run by Node: {@code @segment/analytics-node}, {@code @rudderstack/rudder-sdk-node}.
 * In a headless Chromium page served from another origin (CORS as on a customer's site): {@code
 * @segment/analytics-next}, {@code @rudderstack/analytics-js}, their own browser builds. Versions
 * pinned in src/test/js/segment-sdks/package-lock.json; Segment's analytics-java is proven in the
 * collector's SegmentClientTests.
 */
class SegmentSdkDeliveryTests {

  private static final String TOKEN = "sdk-admin-token-0123456789abcdef";
  private static final String KEY = "tp_sdk_server_key";
  private static final Map<String, Integer> FOUR_CALLS =
      Map.of("feature_used", 1, "activity", 2, "tenant_signed_up", 1);

  private static StandaloneProcess process;
  private static Endpoints runtime;
  private static NodePackages sdks;

  @BeforeAll
  static void startTenantPulse() throws Exception {
    sdks =
        NodePackages.install(
            "segment-sdks",
            List.of(
                "package.json",
                "package-lock.json",
                "send.mjs",
                "segment.html",
                "rudderstack.html"),
            "@segment/analytics-node");
    RunningRuntime.stopIfRunning(); // the in-JVM runtime of other tests would compete for cores
    Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sdk-");
    process = new StandaloneProcess(data);
    runtime =
        process.start(
            Duration.ofMinutes(3),
            FreePorts.with(
                "--admin-token", TOKEN,
                "--dev-key", KEY));
  }

  @AfterAll
  static void stopTenantPulse() throws InterruptedException {
    if (process != null) {
      process.stop(Duration.ofMinutes(2));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"segment-node", "rudder-node"})
  void aServerSdkDeliversEveryCallMappedAndItsRetryCountsOnce(String sdk) {
    String tenant = "sdk-" + sdk + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (FailingFirstProxy proxy = FailingFirstProxy.to(runtime.collector(), 1)) {
      String output = sdks.run(120, "node", "send.mjs", sdk, proxy.url(), KEY, tenant, "user-1");
      JsonNode result =
          JsonMapper.builder()
              .build()
              .readTree(output.strip().lines().reduce((a, b) -> b).orElseThrow());
      assertThat(result.path("errors")).as(output).isEmpty();
      assertLandedOnce(tenant, proxy);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"segment-node", "rudder-node"})
  void aMessageTheCollectorCannotMapIsRefusedOnceWithAReasonAndNotRetried(String sdk) {
    String marker = "unmappable-" + UUID.randomUUID().toString().substring(0, 8);
    try (FailingFirstProxy proxy = FailingFirstProxy.to(runtime.collector(), 0)) {
      sdks.run(120, "node", "send.mjs", sdk, proxy.url(), KEY, marker, "user-1", "no-tenant");
      // One delivery, answered 200 with the message's rejection: nothing for the SDK to retry.
      assertThat(proxy.deliveries()).containsExactly("POST /v1/batch → 200");
      assertThat(proxy.answers())
          .singleElement()
          .asString()
          .contains("no tenant", "\"accepted\":0");
    }
  }

  @Test
  void analyticsNextInABrowserDeliversEveryCallMappedAndItsRetryCountsOnce() {
    Browser.assumeInstalled();
    String tenant = "sdk-ajs-" + UUID.randomUUID().toString().substring(0, 8);
    inBrowser(
        tenant,
        proxy ->
            "/segment.html?api="
                + encode(proxy.url().substring("http://".length()) + "/v1")
                + "&key="
                + encode(KEY)
                + "&tenant="
                + tenant);
  }

  @Test
  void rudderStackJsInABrowserDeliversEveryCallMappedAndItsRetryCountsOnce() {
    Browser.assumeInstalled();
    String tenant = "sdk-rsjs-" + UUID.randomUUID().toString().substring(0, 8);
    inBrowser(
        tenant,
        proxy ->
            "/rudderstack.html?dataPlane="
                + encode(proxy.url())
                + "&key="
                + encode(KEY)
                + "&tenant="
                + tenant);
  }

  private void inBrowser(String tenant, Function<FailingFirstProxy, String> page) {
    HttpServer files =
        SimpleFileServer.createFileServer(
            new InetSocketAddress("127.0.0.1", 0),
            sdks.directory().toAbsolutePath(),
            SimpleFileServer.OutputLevel.NONE);
    files.start();
    try (FailingFirstProxy proxy = FailingFirstProxy.to(runtime.collector(), 1);
        Browser browser = Browser.start("http://127.0.0.1:" + files.getAddress().getPort())) {
      browser.open(page.apply(proxy));
      browser.waitUntil(
          "the page to make its four calls",
          d ->
              browser.script(
                      "return document.body.dataset.sent || document.body.dataset.error || null")
                  != null);
      assertThat(browser.script("return document.body.dataset.error || ''")).isEqualTo("");
      // The page stays open while the library retries.
      assertLandedOnce(tenant, proxy);
    } finally {
      files.stop(0);
    }
  }

  private static void assertLandedOnce(String tenant, FailingFirstProxy proxy) {
    Map<String, Integer> landed = LandedEvents.byType(runtime, TOKEN, tenant, 4);
    assertThat(landed)
        .as("rows by type; deliveries through the proxy: %s", proxy.deliveries())
        .containsExactlyInAnyOrderEntriesOf(FOUR_CALLS);
    assertThat(proxy.deliveries())
        .as("the first delivery failed and the SDK sent again")
        .hasSizeGreaterThanOrEqualTo(2)
        .first()
        .asString()
        .contains("(answered 503)");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
