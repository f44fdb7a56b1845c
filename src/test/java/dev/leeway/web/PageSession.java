package dev.leeway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.auth.TokenStore;
import dev.leeway.config.ServerConfig;
import dev.leeway.store.StoreSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real server over the starter pack and Debian's headless Chromium driving the agent's page,
 * with an agent's and a supervisor's token issued in the server's data folder. One per test class.
 */
final class PageSession implements AutoCloseable {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(15);

  final LeewayServer server;
  final String base;
  final String agentToken;
  final String supervisorToken;
  final ChromeDriver driver;
  final WebDriverWait wait;
  private final ChromeDriverService service;

  private PageSession(
      LeewayServer server,
      String agentToken,
      String supervisorToken,
      ChromeDriverService service,
      ChromeDriver driver) {
    this.server = server;
    this.base = "http://127.0.0.1:" + server.port();
    this.agentToken = agentToken;
    this.supervisorToken = supervisorToken;
    this.service = service;
    this.driver = driver;
    this.wait = new WebDriverWait(driver, WAIT);
  }

  static PageSession start(Path dataDir, Path browserProfile) throws Exception {
    return start(dataDir, browserProfile, null);
  }

  /**
   * As {@link #start(Path, Path)}, with downloads (when not null) saved to that folder without a
   * prompt.
   */
  static PageSession start(Path dataDir, Path browserProfile, Path downloads) throws Exception {
    assertThat(CHROMIUM)
        .as(
            "the page tests drive Debian's Chromium: install it with"
                + " `apt-get install chromium chromium-driver` (expected at %s and %s)",
            CHROMIUM, CHROMEDRIVER)
        .exists();
    assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").exists();
    String agent =
        TokenStore.using(
            StoreSettings.embedded(dataDir), t -> t.issue("page-agent", "agent", Instant.now()));
    String supervisor =
        TokenStore.using(
            StoreSettings.embedded(dataDir),
            t -> t.issue("page-supervisor", "supervisor", Instant.now()));
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(ServerConfig.HOST, "127.0.0.1", ServerConfig.DATA_DIR, dataDir.toString()))
            .withPort(0);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
    // The browser starts while the server builds its matcher.
    CompletableFuture<ChromeDriver> browser =
        CompletableFuture.supplyAsync(() -> startBrowser(service, browserProfile, downloads));
    LeewayServer server;
    try {
      server = SharedBuildCache.around(dataDir, () -> LeewayServer.start(config));
    } catch (Exception e) {
      ChromeDriver started = browser.exceptionally(failure -> null).join();
      if (started != null) {
        started.quit();
      }
      service.stop();
      throw e;
    }
    ChromeDriver driver = browser.join();
    if (downloads != null) {
      driver.executeCdpCommand(
          "Browser.setDownloadBehavior",
          Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    }
    // Every page records the Content-Security-Policy violations it meets (see violations()).
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "window.__violations = []; document.addEventListener('securitypolicyviolation',"
                + " (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"));
    return new PageSession(server, agent, supervisor, service, driver);
  }

  /** With both paths given, Selenium never runs Selenium Manager: nothing is downloaded. */
  private static ChromeDriver startBrowser(
      ChromeDriverService service, Path profile, Path downloads) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--window-size=1366,768",
        "--user-data-dir=" + profile);
    if (downloads != null) {
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory",
              downloads.toAbsolutePath().toString(),
              "download.prompt_for_download",
              false));
    }
    return new ChromeDriver(service, options);
  }

  /** A fresh page of the given window size, nothing in sessionStorage, the sign-in form shown. */
  void freshPage(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    driver.get(base + "/health");
    driver.executeScript("sessionStorage.clear();");
    driver.get(base + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
  }

  /** A new token for this user and role, issued by the running server. */
  String token(String user, String role) {
    return server.services().tokens().issue(user, role, Instant.now());
  }

  /**
   * Opens a supervisor's page ({@code /supervisor/...}) at the given window size, signed in with
   * the token when one is given (as the sign-in form leaves it: in this tab's sessionStorage), else
   * at the sign-in form.
   */
  void supervisorPage(String path, String token, int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    driver.get(base + "/health");
    driver.executeScript(
        "sessionStorage.clear(); if (arguments[0])"
            + " sessionStorage.setItem('leeway.supervisor.token', arguments[0]);",
        token);
    driver.get(base + path);
  }

  /** The Content-Security-Policy violations the current page has met. */
  List<?> violations() {
    return (List<?>) driver.executeScript("return window.__violations || [];");
  }

  void signIn(String token) {
    driver.findElement(By.id("token")).sendKeys(token);
    driver.findElement(By.id("signin-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat")));
    wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "open"));
  }

  /** Types a message, sends it with Enter and returns the reply it gets (the newest one). */
  WebElement say(String text) {
    int before = replies().size();
    driver.findElement(By.id("message")).sendKeys(text, Keys.ENTER);
    wait.until(d -> replies().size() > before);
    List<WebElement> all = replies();
    return all.get(all.size() - 1);
  }

  List<WebElement> replies() {
    return driver.findElements(By.cssSelector("#transcript .reply"));
  }

  WebElement card(WebElement reply, String playId) {
    List<WebElement> cards =
        reply.findElements(By.cssSelector("article.play-card[data-play-id='" + playId + "']"));
    assertThat(cards).as("a card for play %s in %s", playId, reply.getText()).hasSize(1);
    return cards.get(0);
  }

  /** Presses Alt+N where the keyboard is. */
  void altN() {
    driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.ALT, "n"));
  }

  String session(String key) {
    return (String) driver.executeScript("return sessionStorage.getItem(arguments[0]);", key);
  }

  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
    server.close();
  }
}
