package dev.tenantpulse.standalone.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.BoardData;
import dev.tenantpulse.standalone.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The board pages in headless chromium, against the test runtime loaded with the small scenario:
 * every board and panel, variables, links between boards, the panel menu, the time picker, and a
 * clean browser console after every test. Screenshots land in target/screenshots/.
 */
class BoardPagesTests extends ChromiumPageTests {

  @BeforeAll
  static void logInAsAViewer() throws Exception {
    if (!startTheBrowser()) {
      return; // each test then skips, visibly
    }
    BoardData.ensure();
    browser.logIn(TestAccounts.VIEWER, TestAccounts.PASSWORD);
  }

  private static List<Map<String, Object>> boards() {
    browser.open("/");
    browser.waitForPanels();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> boards =
        (List<Map<String, Object>>)
            browser.script(
                "return [...document.querySelectorAll('.board-card')].map(li => ({uid:"
                    + " li.dataset.uid, available: !li.classList.contains('unavailable'), href:"
                    + " li.querySelector('a')?.getAttribute('href')}))");
    return boards;
  }

  private static final String TENANT_BOARD = "tenant-pulse-tenant";

  /** The tenant with the most usage in the range, as the usage board's table lists it. */
  private static String topTenant() {
    return (String)
        browser.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/boards/tenant-pulse-usage-billing/panels/2?' + arguments[0])"
                + ".then(r => r.json()).then(f => done(f.rows[0][0]))",
            BoardData.range());
  }

  private static void openBoard(String uid, String query) {
    browser.open("/d/" + uid + "?" + query);
    browser.waitForPanels();
  }

  /** The panel's rows as the API answers them, fetched by the page's own session. */
  private static boolean apiHasValues(String uid, String panelId) {
    return (Boolean)
        browser.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const q = new URLSearchParams(location.search);"
                + "fetch(`/api/boards/${arguments[0]}/panels/${arguments[1]}?${q}`)"
                + ".then(r => r.json()).then(f => done(f.rows.some(r => r.some((v, i) =>"
                + " i > 0 && typeof v === 'number' && v !== 0) || (f.columns.length === 1 &&"
                + " r[0] !== null))))",
            uid,
            panelId);
  }

  @Test
  void everyBoardLoadsAndEveryPanelShowsItsDataOrSaysNoData() {
    List<Map<String, Object>> boards = boards();
    browser.screenshot("boards");
    assertThat(boards).hasSizeGreaterThanOrEqualTo(5);
    List<String> wrong = new ArrayList<>();
    for (Map<String, Object> board : boards) {
      String uid = (String) board.get("uid");
      if (!(Boolean) board.get("available")) {
        openBoard(uid, BoardData.range());
        assertThat(browser.find("#board-message").getText()).contains("not available");
        browser.screenshot(uid);
        continue;
      }
      assertThat(board.get("href")).isEqualTo("/d/" + uid);
      // The tenant board shows one tenant: the top one by usage.
      openBoard(
          uid, BoardData.range() + (uid.equals(TENANT_BOARD) ? "&var-tenant=" + topTenant() : ""));
      browser.screenshot(uid);
      List<WebElement> panels = browser.findAll("section.panel");
      assertThat(panels).as(uid).isNotEmpty();
      int withData = 0;
      for (WebElement panel : panels) {
        String id = panel.getAttribute("data-panel-id");
        String state =
            panel
                .findElement(org.openqa.selenium.By.cssSelector(".panel-body"))
                .getAttribute("data-state");
        String title =
            panel.findElement(org.openqa.selenium.By.cssSelector(".panel-title")).getText();
        boolean hasValues = apiHasValues(uid, id);
        if ("data".equals(state)) {
          withData++;
        }
        if (!state.equals(hasValues ? "data" : "nodata")) {
          wrong.add(
              uid
                  + " panel "
                  + id
                  + " ("
                  + title
                  + "): "
                  + state
                  + ", the API has values: "
                  + hasValues
                  + " — "
                  + panel.getText());
        }
        if ("nodata".equals(state)) {
          assertThat(panel.getText()).contains("No data");
        }
      }
      assertThat(withData)
          .as(uid + ": panels with data on the scenario")
          .isGreaterThan(panels.size() / 2);
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aRangeWithoutRowsSaysNoDataInEveryPanel() {
    openBoard(
        "tenant-pulse-activity",
        "from="
            + BoardData.CONFIG.start().minus(Duration.ofDays(30)).toEpochMilli()
            + "&to="
            + BoardData.CONFIG.start().minus(Duration.ofDays(20)).toEpochMilli());
    List<WebElement> panels = browser.findAll("section.panel");
    for (WebElement panel : panels) {
      String state =
          panel
              .findElement(org.openqa.selenium.By.cssSelector(".panel-body"))
              .getAttribute("data-state");
      assertThat(state).as(panel.getText()).isIn("nodata", "data");
    }
    assertThat(browser.findAll(".panel-body[data-state=nodata]"))
        .hasSizeGreaterThan(panels.size() / 2);
    assertThat(browser.find(".panel-timeseries .panel-body").getText()).isEqualTo("No data");
  }

  @Test
  void changingThePlanVariableChangesThePanelsData() {
    openBoard("tenant-pulse-activity", BoardData.range());
    String perPlan = "section[data-panel-id='7'] .chart";
    assertThat(browser.find(perPlan).getAttribute("data-series-names").split("\\|"))
        .hasSizeGreaterThan(1);
    String tableBefore = browser.find("section[data-panel-id='9'] tbody").getText();

    browser.find("#var-plan-button").click();
    WebElement starter = browser.waitFor("input[type=checkbox][value=starter]");
    starter.click();
    browser.find("#var-plan-button").sendKeys(Keys.ESCAPE);
    browser.waitForPanels();

    assertThat(browser.location()).contains("var-plan=starter").doesNotContain("%24__all");
    assertThat(browser.find("#var-plan-button").getText()).contains("Starter");
    assertThat(browser.find(perPlan).getAttribute("data-series-names")).isEqualTo("starter");
    String tableAfter = browser.find("section[data-panel-id='9'] tbody").getText();
    assertThat(tableAfter).isNotEqualTo(tableBefore).startsWith("starter");
    assertThat(browser.findAll("section[data-panel-id='9'] tbody tr")).hasSize(1);
    browser.screenshot("tenant-pulse-activity-starter");

    // The URL is the state: opening it again shows the same selection (a shareable link).
    String shared = browser.location();
    browser.open(shared);
    browser.waitForPanels();
    assertThat(browser.find(perPlan).getAttribute("data-series-names")).isEqualTo("starter");
  }

  @Test
  void linksBetweenBoardsKeepTheRangeAndTheVariables() {
    openBoard("tenant-pulse-activity", BoardData.range() + "&var-plan=enterprise");
    WebElement link = browser.find(".board-links a[href^='/d/tenant-pulse-feature-adoption']");
    assertThat(link.getAttribute("href"))
        .contains(BoardData.range())
        .contains("var-plan=enterprise");
    link.click();
    browser.waitUntil(
        "the feature adoption board",
        d -> browser.location().startsWith("/d/tenant-pulse-feature-adoption"));
    browser.waitForPanels();
    assertThat(browser.find("#var-plan-button").getText()).contains("Enterprise");
    assertThat(browser.location()).contains(BoardData.range());
  }

  @Test
  void theTenantBoardOpensEmptyAndFillsWithTheTenantTypedIntoItsTextBox() {
    String tenant = topTenant();
    openBoard(TENANT_BOARD, BoardData.range());
    assertThat(browser.find("#board-message").getText()).startsWith("Type a value into “Tenant”");
    assertThat(browser.findAll(".panel-body[data-state=data]")).isEmpty();

    WebElement box = browser.find("input[type=search]");
    assertThat(box.getAccessibleName()).isEqualTo("Tenant");
    box.sendKeys(tenant, Keys.ENTER);
    browser.waitUntil(
        "the tenant in the URL", d -> browser.location().contains("var-tenant=" + tenant));
    browser.waitForPanels();
    assertThat(browser.find("#board-message").isDisplayed()).isFalse();
    assertThat(browser.find("section[data-panel-id='1'] tbody").getText()).startsWith(tenant);
  }

  @Test
  void theBillingExportPanelsSayTheExportIsOffWhenItWroteNothing() {
    // the scenario runs no billing export: billing_reconciliation is empty
    openBoard("tenant-pulse-usage-billing", BoardData.range());
    for (String title : List.of("Measured, not exported", "Measured vs exported")) {
      WebElement panel =
          browser.findAll("section.panel").stream()
              .filter(p -> p.getText().startsWith(title))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no panel " + title));
      WebElement body = panel.findElement(org.openqa.selenium.By.cssSelector(".panel-body"));
      assertThat(body.getAttribute("data-state")).as(title).isEqualTo("nodata");
      assertThat(body.getText())
          .as(title)
          .startsWith("No data")
          .contains("billing export")
          .contains("off");
    }
  }

  @Test
  void theTenantLinkOfTheTopTenantsTableOpensTheTenantDrillDown() {
    openBoard("tenant-pulse-usage-billing", BoardData.range());
    WebElement link = browser.find("section.panel-table a[href^='/d/tenant-pulse-tenant?']");
    String tenant = link.getText();
    link.click();
    browser.waitUntil(
        "the tenant board", d -> browser.location().startsWith("/d/tenant-pulse-tenant?"));
    browser.waitForPanels();
    assertThat(browser.location()).contains("var-tenant=" + tenant).contains(BoardData.range());
    assertThat(browser.find("#board-title").getText()).isNotBlank();
    assertThat(browser.findAll(".panel-body[data-state=data]")).isNotEmpty();
    assertThat(browser.findAll(".panel-body[data-state=error]")).isEmpty();
    browser.screenshot("tenant-pulse-tenant");
  }

  @Test
  void thePanelMenuShowsTheExpandedSqlAndDownloadsTheDataAsCsv() {
    openBoard("tenant-pulse-activity", BoardData.range());
    WebElement button = browser.find("section[data-panel-id='9'] .panel-menu-button");
    assertThat(button.getAccessibleName()).isEqualTo("Menu of panel Plans at the newest hour");
    button.sendKeys(Keys.ENTER);
    WebElement first = browser.waitFor("section[data-panel-id='9'] [role=menuitem]");
    assertThat(browser.driver().switchTo().activeElement()).isEqualTo(first);
    first.sendKeys(Keys.ARROW_DOWN);
    WebElement csv = browser.driver().switchTo().activeElement();
    assertThat(csv.getText()).isEqualTo("Download CSV");
    String href = csv.getAttribute("href");
    assertThat(href).contains("/api/boards/tenant-pulse-activity/panels/9?").contains("format=csv");
    String text =
        (String)
            browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(r => r.text()).then(done)",
                href);
    assertThat(text.lines().findFirst())
        .hasValueSatisfying(h -> assertThat(h).contains("plan").contains("drop_ratio"));
    assertThat(text.lines().count()).isGreaterThan(1);

    csv.sendKeys(Keys.ARROW_UP);
    browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
    WebElement sql = browser.waitFor("#sql-expanded");
    browser.waitUntil("the expanded SQL", d -> sql.getText().contains("SELECT"));
    assertThat(sql.getText())
        .contains("active_tenants_hourly_by_plan")
        .doesNotContain("$__timeFilter");
    browser.screenshot("panel-sql");
    browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    browser.waitUntil("the dialog to close", d -> !browser.find("#sql-dialog").isDisplayed());
  }

  private static String utc(Instant instant) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(instant);
  }

  @Test
  void theTimePickerSetsAPresetAndAnAbsoluteUtcRange() {
    openBoard("tenant-pulse-activity", BoardData.range());
    WebElement picker = browser.find("#time-range-button");
    assertThat(picker.getText())
        .endsWith(utc(BoardData.FROM) + " to " + utc(BoardData.TO) + " UTC");
    picker.click();
    browser.waitFor("button[data-from='now-30d']").click();
    browser.waitForPanels();
    assertThat(browser.location()).contains("from=now-30d").contains("to=now");
    assertThat(browser.find("#time-range-button").getText()).contains("Last 30 days");

    browser.find("#time-range-button").click();
    WebElement from = browser.waitFor("input[type=datetime-local]");
    browser.script("arguments[0].value = '2026-01-20T00:00'", from);
    WebElement to = browser.findAll("input[type=datetime-local]").get(1);
    browser.script("arguments[0].value = '2026-01-30T00:00'", to);
    browser.find(".absolute-range button[type=submit]").click();
    browser.waitForPanels();
    assertThat(browser.location())
        .contains("from=" + Instant.parse("2026-01-20T00:00:00Z").toEpochMilli())
        .contains("to=" + Instant.parse("2026-01-30T00:00:00Z").toEpochMilli());
    assertThat(browser.find("#time-range-button").getText())
        .endsWith("2026-01-20 00:00 to 2026-01-30 00:00 UTC");
    assertThat(browser.findAll(".panel-body[data-state=data]")).isNotEmpty();
  }

  @Test
  void aRangeTheServerRefusesIsShownAsAnErrorInEachPanel() {
    openBoard("tenant-pulse-onboarding", "from=yesterday&to=now");
    List<WebElement> errors = browser.findAll(".panel-body[data-state=error]");
    assertThat(errors).hasSize(browser.findAll("section.panel").size());
    assertThat(errors.get(0).getText()).startsWith("Error:").contains("from");
    // The 400s are the point of this test; the console may name them.
    assertThat(browser.consoleErrors(m -> m.contains("400"))).isEmpty();
  }

  @Test
  void autoRefreshReloadsThePanelsAtTheChosenInterval() {
    openBoard("tenant-pulse-onboarding", BoardData.range() + "&refresh=2s");
    assertThat(
            new org.openqa.selenium.support.ui.Select(browser.find("#auto-refresh"))
                .getFirstSelectedOption()
                .getText())
        .isEqualTo("2s");
    String panelRequests =
        "return performance.getEntriesByType('resource').filter(e =>"
            + " e.name.includes('/panels/1?')).length";
    long before = ((Number) browser.script(panelRequests)).longValue();
    browser.waitUntil(
        "a reload of the panels by auto-refresh",
        d -> ((Number) browser.script(panelRequests)).longValue() > before);
    browser.waitForPanels();
    assertThat(browser.findAll(".panel-body[data-state=data]")).isNotEmpty();

    new org.openqa.selenium.support.ui.Select(browser.find("#auto-refresh"))
        .selectByVisibleText("Off");
    browser.waitForPanels();
    assertThat(browser.location()).contains("refresh=").doesNotContain("refresh=2s");
  }

  @Test
  void loggingOutEndsTheSession() {
    openBoard("tenant-pulse-onboarding", BoardData.range());
    browser.find("#logout").click();
    browser.waitUntil("the login page", d -> browser.location().startsWith("/login"));
    Object status =
        browser.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/session').then(r => done(r.status))");
    assertThat(((Number) status).intValue()).isEqualTo(401);
    assertThat(browser.consoleErrors(m -> m.contains("401"))).isEmpty();
    browser.logIn(TestAccounts.VIEWER, TestAccounts.PASSWORD);
  }

  @Test
  void aVisitorWithoutASessionLogsInAndComesBackToTheBoard() {
    browser.logOut();
    String board = "/d/tenant-pulse-onboarding?" + BoardData.range();
    browser.open(board);
    browser.waitUntil("the login page", d -> browser.location().startsWith("/login?next="));
    browser.waitFor("#user");
    browser.screenshot("login");
    browser.find("#user").sendKeys(TestAccounts.VIEWER);
    browser.find("#password").sendKeys("wrong password");
    browser.find("#login-submit").click();
    assertThat(browser.waitFor("#login-error").getText()).isEqualTo("Wrong user name or password.");
    browser.find("#password").sendKeys(TestAccounts.PASSWORD);
    browser.find("#login-submit").click();
    browser.waitUntil(
        "the board again", d -> browser.location().startsWith("/d/tenant-pulse-onboarding"));
    browser.waitForPanels();
    assertThat(browser.location()).contains(BoardData.range());
    assertThat(browser.find("#signed-in-as").getText()).contains(TestAccounts.VIEWER);
    // The 401s of the visit without a session, and of the wrong password, were the point.
    assertThat(browser.consoleErrors(m -> m.contains("401"))).isEmpty();
  }
}
