package dev.tenantpulse.standalone.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.Browser;
import dev.tenantpulse.standalone.support.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every browser test class shares: one headless chromium per class on the test runtime's
 * console, every test skipped visibly where chromium is missing, and a clean browser console
 * required after every test. Classes run one after another, so one field serves them all.
 */
abstract class ChromiumPageTests {

  static Browser browser;

  /**
   * Starts the class's browser, or says once why its tests will be skipped.
   *
   * @return false when chromium is missing (each test then skips)
   */
  static boolean startTheBrowser() {
    if (!Browser.installed()) {
      System.err.println(Browser.NOT_INSTALLED);
      return false;
    }
    browser = Browser.start(TestAccounts.ensure().endpoints().console());
    return true;
  }

  @BeforeEach
  void needsChromium() {
    Browser.assumeInstalled();
  }

  @AfterEach
  void theBrowserConsoleShowsNoError() {
    if (browser != null) {
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
