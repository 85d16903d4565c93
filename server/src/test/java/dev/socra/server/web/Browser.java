package dev.socra.server.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver, with explicit paths so that Selenium
 * Manager never tries to download a browser or driver (CI has no internet). Downloads land in a
 * fresh directory; screenshots of whole pages go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /** Only against a hang: pages here answer in milliseconds on an idle machine. */
  static final Duration WAIT = Duration.ofSeconds(60);

  final ChromeDriver driver;
  final Path downloads;
  private final Path profile;
  private final String baseUrl;

  private Browser(ChromeDriver driver, Path downloads, Path profile, String baseUrl) {
    this.driver = driver;
    this.downloads = downloads;
    this.profile = profile;
    this.baseUrl = baseUrl;
  }

  static Browser start(String baseUrl) {
    try {
      Path downloads = Files.createTempDirectory("socra-downloads");
      Path profile = Files.createTempDirectory("socra-chromium");
      System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--user-data-dir=" + profile,
          "--window-size=1280,900",
          "--lang=en-US");
      Map<String, Object> prefs = new HashMap<>();
      prefs.put("download.default_directory", downloads.toString());
      prefs.put("download.prompt_for_download", false);
      options.setExperimentalOption("prefs", prefs);
      // the console, to see what the Content-Security-Policy refused
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
      options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(CHROMEDRIVER))
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      // Headless Chromium saves downloads only where it is told to.
      driver.executeCdpCommand(
          "Browser.setDownloadBehavior",
          Map.of("behavior", "allow", "downloadPath", downloads.toString()));
      Files.createDirectories(SCREENSHOTS);
      return new Browser(driver, downloads, profile, baseUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void open(String path) {
    driver.get(baseUrl + path);
  }

  String path() {
    return driver.getCurrentUrl().substring(baseUrl.length());
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Clicks what {@code css} finds, scrolled to the middle first (not under the sticky header). */
  /**
   * Clicks the element in the middle of the window. The page can still move between the scroll and
   * the click (a turn swapped in above, the page following the question being written), so a click
   * that would land on another element (the sticky header) reached nothing and is tried again.
   */
  void click(String css) {
    new WebDriverWait(driver, WAIT, Duration.ofMillis(20))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(ElementClickInterceptedException.class)
        .until(
            d -> {
              WebElement e = find(css);
              js("arguments[0].scrollIntoView({block: 'center'});", e);
              e.click();
              return true;
            });
  }

  WebElement await(String css) {
    return until(
        d -> {
          List<WebElement> found = d.findElements(By.cssSelector(css));
          return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
  }

  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(20))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The whole page as a PNG, not just the window: shown in a window as tall as the page. */
  Path screenshot(String name) {
    return screenshot(name, 1280, false);
  }

  /** The same page as a phone shows it (390 px wide, touch). */
  Path phoneScreenshot(String name) {
    return screenshot(name, 390, true);
  }

  /** Only what a 1280 × 900 window shows at the top of the page. */
  Path windowScreenshot(String name) {
    return screenshot(name, 1280, false, false);
  }

  private Path screenshot(String name, int width, boolean mobile) {
    return screenshot(name, width, mobile, true);
  }

  private Path screenshot(String name, int width, boolean mobile, boolean wholePage) {
    return screenshot(name, width, mobile, wholePage, 900);
  }

  private Path screenshot(
      String name, int width, boolean mobile, boolean wholePage, int windowHeight) {
    try {
      metrics(width, windowHeight, mobile);
      // Sticky parts with their own scrolling would be cut off in a picture of the whole page.
      // Through the CSSOM: the pages' Content-Security-Policy refuses a <style> element.
      js(
          "document.querySelectorAll('.site-header, .side, .toc').forEach(function (e) {"
              + " e.style.setProperty('position', 'static', 'important');"
              + " e.style.setProperty('max-height', 'none', 'important');"
              + " e.dataset.captured = 'true'; });"
              + " window.scrollTo(0, 0);");
      if (wholePage) {
        Number height = (Number) js("return document.documentElement.scrollHeight");
        metrics(width, Math.min(height.intValue(), 12_000), mobile);
      }
      Map<String, Object> shot =
          driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
      Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      js(
          "document.querySelectorAll('[data-captured]').forEach(function (e) {"
              + " e.style.removeProperty('position'); e.style.removeProperty('max-height');"
              + " delete e.dataset.captured; });");
    }
  }

  /** From now on the page is shown as a phone shows it: 390 × 844, touch. */
  void asPhone() {
    metrics(390, 844, true);
  }

  /** Back to the 1280 × 900 window. */
  void asDesktop() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** Only what a phone's screen shows at the top of the page (390 × 844). */
  Path phoneWindowScreenshot(String name) {
    return screenshot(name, 390, true, false, 844);
  }

  private void metrics(int width, int height, boolean mobile) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /**
   * What the browser's console said since the last call that the page's Content-Security-Policy
   * refused (an inline script or style, another site's image).
   */
  List<String> policyViolations() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
        .toList();
  }

  /** Signs out by forgetting the cookies: the next user starts afresh. */
  void forgetUser() {
    driver.manage().deleteAllCookies();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
      deleteTree(downloads);
    }
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
