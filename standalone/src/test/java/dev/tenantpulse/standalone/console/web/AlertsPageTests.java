package dev.tenantpulse.standalone.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The alerts page in headless chromium: what each role sees, and an admin's silence form. */
class AlertsPageTests extends ChromiumPageTests {

  @BeforeAll
  static void openTheConsole() {
    startTheBrowser();
  }

  @AfterEach
  void logOut() {
    if (browser != null) {
      browser.logOut();
    }
  }

  private static void openAlerts() {
    browser.open("/alerts");
    browser.waitForPanels();
  }

  @Test
  void anAdminCreatesASilenceWithTheFormAndEndsIt() {
    browser.logIn(TestAccounts.ADMIN, TestAccounts.PASSWORD);
    openAlerts();
    assertThat(browser.find("#current").getText()).isNotBlank();
    assertThat(browser.find("#history").getText()).isNotBlank();

    browser.find("#silence-matchers").sendKeys("tenant=browser-test-tenant");
    new Select(browser.find("#silence-duration")).selectByValue("4h");
    browser.find("#silence-comment").sendKeys("browser test: maintenance of the tenant");
    browser.find("#silence-submit").click();
    WebElement row =
        browser.waitUntil(
            "the new silence in the table",
            d ->
                browser.findAll("#silences tr").stream()
                    .filter(r -> r.getText().contains("tenant=browser-test-tenant"))
                    .findFirst()
                    .orElse(null));
    assertThat(row.getText())
        .contains("active")
        .contains(TestAccounts.ADMIN)
        .contains("maintenance");
    assertThat(browser.find("#silence-error").isDisplayed()).isFalse();
    browser.screenshot("alerts");

    row.findElement(By.cssSelector("button.end-silence")).click();
    browser.waitUntil(
        "the silence to leave the active ones",
        d -> !browser.find("#silences").getText().contains("browser-test-tenant"));
  }

  @Test
  void theFormSaysWhatIsMissingBeforeSending() {
    browser.logIn(TestAccounts.ADMIN, TestAccounts.PASSWORD);
    openAlerts();
    browser.find("#silence-submit").click();
    assertThat(browser.waitFor("#silence-error").getText())
        .contains("give a rule, label matchers, or both")
        .contains("comment");
  }

  @Test
  void aViewerSeesAlertsAndSilencesButNoSilenceForm() {
    browser.logIn(TestAccounts.VIEWER, TestAccounts.PASSWORD);
    openAlerts();
    assertThat(browser.find("#silence-form").isDisplayed()).isFalse();
    assertThat(browser.find("#silence-role-note").getText())
        .contains("needs the admin role")
        .contains(TestAccounts.VIEWER);
    assertThat(browser.findAll("button.end-silence")).isEmpty();
    browser.screenshot("alerts-viewer");
  }

  @Test
  void anAnalystBacktestsTheDropRuleWithAnotherBaselineAndAViewerMayNot() {
    browser.logIn(TestAccounts.ANALYST, TestAccounts.PASSWORD);
    openAlerts();
    new Select(browser.waitFor("#backtest-rule")).selectByValue("active_tenants_drop");
    new Select(browser.find("#backtest-days")).selectByValue("7");
    new Select(browser.find("#backtest-baseline")).selectByValue("same_weekday");
    browser.find("#backtest-submit").click();
    String answer =
        browser.waitUntil(
            "the backtest's answer",
            d -> {
              String text = browser.find("#backtest-result").getText();
              return text.contains("hours judged") ? text : null;
            });
    // the test runtime's metric tables hold no drop: nothing would have fired
    assertThat(answer).contains("0 episode(s)").contains("baseline same_weekday");
    assertThat(browser.find("#backtest-error").isDisplayed()).isFalse();
    browser.logOut();

    browser.logIn(TestAccounts.VIEWER, TestAccounts.PASSWORD);
    openAlerts();
    assertThat(browser.find("#backtest-form").isDisplayed()).isFalse();
    assertThat(browser.find("#backtest-role-note").getText()).contains("analyst or admin role");
  }
}
