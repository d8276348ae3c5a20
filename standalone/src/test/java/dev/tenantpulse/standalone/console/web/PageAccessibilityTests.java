package dev.tenantpulse.standalone.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.BoardData;
import dev.tenantpulse.standalone.support.TestAccounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Keyboard and screen-reader basics on every page, as chromium computes them: each control has an
 * accessible name, text keeps WCAG contrast against what is really behind it, panels are labelled
 * regions that say when they are busy, focus is visible, and the time picker works from the keys.
 */
class PageAccessibilityTests extends ChromiumPageTests {

  private static final List<String> BOARDS =
      List.of(
          "tenant-pulse-activity",
          "tenant-pulse-feature-adoption",
          "tenant-pulse-onboarding",
          "tenant-pulse-usage-billing",
          "tenant-pulse-tenant");

  @BeforeAll
  static void logInAsAnAdmin() {
    if (!startTheBrowser()) {
      return; // each test then skips, visibly
    }
    BoardData.ensure();
    // The admin sees the most controls: the silence form and its buttons.
    browser.logIn(TestAccounts.ADMIN, TestAccounts.PASSWORD);
  }

  private static List<String> pages() {
    List<String> pages = new ArrayList<>(List.of("/", "/alerts"));
    BOARDS.forEach(uid -> pages.add("/d/" + uid + "?" + BoardData.range()));
    return pages;
  }

  private static void open(String page) {
    browser.open(page);
    browser.waitForPanels();
  }

  @Test
  void everyControlHasAnAccessibleName() {
    List<String> unnamed = new ArrayList<>();
    for (String page : pages()) {
      open(page);
      List<WebElement> controls =
          browser.findAll(
              "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1']),"
                  + " [role=menuitem], [role=img]");
      for (WebElement control : controls) {
        if (!control.isDisplayed()) {
          continue; // inside a closed popover or menu: checked where it opens
        }
        String name = control.getAccessibleName();
        if (name == null || name.isBlank()) {
          unnamed.add(page + ": " + outer(control));
        }
      }
    }
    assertThat(unnamed).isEmpty();

    // What opens: a panel's menu, a variable's choices, the time picker's form.
    open("/d/tenant-pulse-activity?" + BoardData.range());
    browser.find("section.panel .panel-menu-button").click();
    assertThat(
            browser.findAll("section.panel [role=menuitem]").stream()
                .filter(WebElement::isDisplayed))
        .extracting(WebElement::getAccessibleName)
        .containsExactly("Show SQL", "Download CSV");
    browser.find("#var-plan-button").click();
    assertThat(browser.findAll(".variable-popover input").stream().filter(WebElement::isDisplayed))
        .extracting(WebElement::getAccessibleName)
        .containsExactly("All", "Starter", "Professional", "Enterprise", "unknown");
    browser.find("#time-range-button").click();
    assertThat(browser.findAll(".absolute-range input").stream().filter(WebElement::isDisplayed))
        .extracting(WebElement::getAccessibleName)
        .containsExactly("From (UTC)", "To (UTC)");
  }

  private static String outer(WebElement element) {
    String html = element.getAttribute("outerHTML");
    return html.length() > 160 ? html.substring(0, 160) + "…" : html;
  }

  @Test
  void textKeepsWcagContrastOnItsBackground() {
    List<String> low = new ArrayList<>();
    for (String page : pages()) {
      open(page);
      @SuppressWarnings("unchecked")
      List<String> found = (List<String>) browser.script(CONTRAST_CHECK);
      found.forEach(f -> low.add(page + ": " + f));
    }
    browser.logOut();
    try {
      open("/login");
      @SuppressWarnings("unchecked")
      List<String> login = (List<String>) browser.script(CONTRAST_CHECK);
      login.forEach(f -> low.add("/login: " + f));
    } finally {
      browser.logIn(TestAccounts.ADMIN, TestAccounts.PASSWORD);
    }
    assertThat(low).isEmpty();
  }

  @Test
  void panelsAreLabelledRegionsThatAreNotBusyOnceLoaded() {
    open("/d/tenant-pulse-onboarding?" + BoardData.range());
    for (WebElement panel : browser.findAll("section.panel")) {
      String label = panel.getAttribute("aria-labelledby");
      assertThat(browser.find("#" + label).getText()).isNotBlank();
      assertThat(panel.getAccessibleName()).isEqualTo(browser.find("#" + label).getText());
      assertThat(panel.getAttribute("aria-busy")).isEqualTo("false");
    }
  }

  @Test
  void keyboardFocusIsAlwaysVisible() {
    open("/d/tenant-pulse-activity?" + BoardData.range());
    WebElement body = browser.find("body");
    body.click();
    List<String> invisible = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
      WebElement focused = browser.driver().switchTo().activeElement();
      Object visible =
          browser.script(
              "const s = getComputedStyle(arguments[0]);"
                  + "return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;",
              focused);
      if (!Boolean.TRUE.equals(visible)) {
        invisible.add(outer(focused));
      }
    }
    assertThat(invisible).isEmpty();
  }

  @Test
  void theTimePickerWorksFromTheKeyboard() {
    open("/d/tenant-pulse-activity?" + BoardData.range());
    WebElement picker = browser.find("#time-range-button");
    picker.sendKeys(Keys.ENTER);
    assertThat(picker.getAttribute("aria-expanded")).isEqualTo("true");
    WebElement first = browser.driver().switchTo().activeElement();
    assertThat(first.getText()).isEqualTo("Last 1 hour");
    first.sendKeys(Keys.ESCAPE);
    assertThat(picker.getAttribute("aria-expanded")).isEqualTo("false");
    assertThat(browser.driver().switchTo().activeElement()).isEqualTo(picker);

    picker.sendKeys(Keys.ENTER);
    WebElement preset = browser.find("button[data-from='now-7d']");
    preset.sendKeys(Keys.ENTER);
    browser.waitForPanels();
    assertThat(browser.location()).contains("from=now-7d");
    assertThat(browser.driver().switchTo().activeElement())
        .isEqualTo(browser.find("#time-range-button"));
  }

  /**
   * Every visible text node's colour against the colours really behind it (ancestors' backgrounds
   * blended), WCAG 2 contrast: 4.5:1, or 3:1 for large text. Returns what falls short.
   */
  private static final String CONTRAST_CHECK =
      """
      const parse = (c) => {
        const m = /rgba?\\(([^)]+)\\)/.exec(c);
        if (!m) return null;
        const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
        return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
      };
      const over = (top, base) => ({
        r: top.r * top.a + base.r * (1 - top.a),
        g: top.g * top.a + base.g * (1 - top.a),
        b: top.b * top.a + base.b * (1 - top.a),
        a: 1,
      });
      const background = (el) => {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
          const s = getComputedStyle(e);
          if (s.backgroundImage !== 'none') return null; // a gradient: not judged here
          const c = parse(s.backgroundColor);
          if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
        }
        let base = { r: 255, g: 255, b: 255, a: 1 };
        for (const l of layers.reverse()) base = over(l, base);
        return base;
      };
      const lum = (c) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
      };
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const seen = new Set();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!n.textContent.trim() || seen.has(el)) continue;
        seen.add(el);
        const rect = el.getBoundingClientRect();
        if (rect.width <= 1 || rect.height <= 1 || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        if (el.closest('[hidden], .visually-hidden, :disabled, option, dialog:not([open])')) continue;
        const s = getComputedStyle(el);
        const bg = background(el);
        const fg = parse(s.color);
        if (!bg || !fg) continue;
        const color = over(fg, bg);
        const [hi, lo] = [lum(color), lum(bg)].sort((a, b) => b - a);
        const ratio = (hi + 0.05) / (lo + 0.05);
        const size = parseFloat(s.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) {
          out.push(`${ratio.toFixed(2)}:1 "${n.textContent.trim().slice(0, 40)}" (${s.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}))`);
        }
      }
      return out;
      """;
}
