package dev.tenantpulse.standalone.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromium-driver (never a downloaded one: the
 * machine may have no network), with its console log kept so tests can require it to be clean.
 * Where either is missing the calling test class is skipped with a message saying what to install.
 */
public final class Browser implements AutoCloseable {

  // Debian's paths; the properties exist to prove the skip (-Dtenant-pulse.chromium=/nowhere).
  public static final Path CHROMIUM =
      Path.of(System.getProperty("tenant-pulse.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER =
      Path.of(System.getProperty("tenant-pulse.chromedriver", "/usr/bin/chromedriver"));
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final Path profile;
  private final String baseUrl;

  private Browser(ChromeDriver driver, Path profile, String baseUrl) {
    this.driver = driver;
    this.profile = profile;
    this.baseUrl = baseUrl;
  }

  public static final String NOT_INSTALLED =
      "the browser tests need Debian's chromium and chromium-driver at "
          + CHROMIUM
          + " and "
          + CHROMEDRIVER
          + " (apt-get install chromium chromium-driver; bin/test installs them as root): skipped";

  public static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /**
   * Skips the calling test, with the reason, where chromium is missing. Called before each test
   * (not only in {@code @BeforeAll}, where JUnit would report the class as zero tests run rather
   * than as skipped ones).
   */
  public static void assumeInstalled() {
    assumeTrue(installed(), NOT_INSTALLED);
  }

  /** Starts a fresh browser (own profile: no cookies) for pages under {@code baseUrl}. */
  public static Browser start(String baseUrl) {
    assumeInstalled();
    try {
      Path profile = Files.createTempDirectory("tp-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      // Without the background-networking flags chromium keeps dialling Google's services, which
      // a closed network refuses, and it spends the test's time doing so.
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--user-data-dir=" + profile,
          "--window-size=1400,1000");
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      return new Browser(new ChromeDriver(service, options), profile, baseUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public void open(String path) {
    driver.get(baseUrl + path);
  }

  /** The path and query of the page shown. */
  public String location() {
    return (String) script("return location.pathname + location.search");
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  public Object asyncScript(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public WebElement waitFor(String css) {
    return new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  public <T> T waitUntil(String what, java.util.function.Function<ChromeDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what).until(d -> condition.apply(driver));
  }

  /** Waits until the page says it is ready and no panel is loading any more. */
  public void waitForPanels() {
    waitUntil(
        "the page to finish loading its panels",
        d ->
            Boolean.TRUE.equals(
                script(
                    "return document.body.dataset.ready === 'true'"
                        + " && !document.querySelector('[data-state=loading]')"
                        + " && !document.querySelector('[aria-busy=true]')")));
  }

  /** Logs in through the login page and waits for the page it leads to. */
  public void logIn(String user, String password) {
    open("/login");
    waitFor("#user").sendKeys(user);
    find("#password").sendKeys(password);
    find("#login-submit").click();
    waitUntil("the login to leave the login page", d -> !location().startsWith("/login"));
  }

  public void logOut() {
    driver.manage().deleteAllCookies();
  }

  /** Saves a PNG of the page under target/screenshots/ for a person to look at. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      // The whole page, not the first screenful: the window grows to the page's height (the
      // panels keep their size, their grid rows are fixed) and shrinks back afterwards.
      Dimension size = driver.manage().window().getSize();
      long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
      driver
          .manage()
          .window()
          .setSize(new Dimension(size.getWidth(), (int) Math.min(8000, height + 200)));
      try {
        script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        driver.manage().window().setSize(size);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The console's error entries since the last call (reading empties the log), except those {@code
   * expected} accepts (a 401 a test provokes on purpose).
   */
  public List<String> consoleErrors(Predicate<String> expected) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(expected.negate())
        .toList();
  }

  public List<String> consoleErrors() {
    return consoleErrors(m -> false);
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp profile left behind is harmless
    }
  }
}
