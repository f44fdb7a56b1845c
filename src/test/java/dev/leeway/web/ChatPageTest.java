package dev.leeway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.auth.TokenStore;
import dev.leeway.config.ServerConfig;
import dev.leeway.store.FeedbackRepository.FeedbackRow;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent's chat page in a real browser (Debian's headless Chromium through its chromedriver)
 * against the real server started in-process over the starter pack, with a token issued in the
 * server's data folder. One server and one browser for the class; every test starts from a fresh
 * page with nothing in sessionStorage.
 */
class ChatPageTest {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Path SCREENSHOTS = Path.of("target", "chat-page-test");

  @TempDir static Path dataDir;
  @TempDir static Path browserProfile;

  private static LeewayServer server;
  private static String base;
  private static String token;
  private static ChromeDriverService service;
  private static CompletableFuture<ChromeDriver> browser;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    assertThat(CHROMIUM)
        .as(
            "the chat page tests drive Debian's Chromium: install it with"
                + " `apt-get install chromium chromium-driver` (expected at %s and %s)",
            CHROMIUM, CHROMEDRIVER)
        .exists();
    assertThat(CHROMEDRIVER)
        .as(
            "the chat page tests need chromedriver: install it with `apt-get install chromium-driver`"
                + " (expected at %s)",
            CHROMEDRIVER)
        .exists();

    token =
        TokenStore.using(
            StoreSettings.embedded(dataDir), t -> t.issue("page-test", "agent", Instant.now()));
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(ServerConfig.HOST, "127.0.0.1", ServerConfig.DATA_DIR, dataDir.toString()))
            .withPort(0);
    // The browser starts while the server builds its matcher.
    browser = CompletableFuture.supplyAsync(ChatPageTest::startBrowser);
    server = SharedBuildCache.around(dataDir, () -> LeewayServer.start(config));
    base = "http://127.0.0.1:" + server.port();
    driver = browser.join();
    wait = new WebDriverWait(driver, WAIT);
  }

  /**
   * Debian's Chromium through its own chromedriver. With both paths given, Selenium never runs
   * Selenium Manager, so nothing is looked up or downloaded.
   */
  private static ChromeDriver startBrowser() {
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
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
        "--window-size=1366,768",
        "--user-data-dir=" + browserProfile);
    return new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (driver == null && browser != null) {
      // The server failed to start: the browser may still be coming up.
      driver = browser.exceptionally(failure -> null).join();
    }
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void freshPage() {
    // Forget the last test's sign-in on a page of the same origin that does not run the app
    // (the chat page itself would store its token again as soon as its socket is ready).
    driver.get(base + "/health");
    driver.executeScript("sessionStorage.clear();");
    driver.get(base + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
  }

  /** What the page looked like at the end of each test, for a person reading a failure. */
  @AfterEach
  void screenshot(TestInfo test) throws IOException {
    Path file = SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png");
    Files.createDirectories(SCREENSHOTS);
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  // ---------- scenarios ----------

  @Test
  void aGoodTokenOpensTheChatAndSignOutForgetsIt() {
    signIn(token);

    assertThat(driver.findElement(By.id("signin")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("sign-out")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("connection")).getText()).isEqualTo("Connected");
    assertThat(session("leeway.token")).isEqualTo(token);
    assertThat(session("leeway.conversation")).isNotBlank();
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("message");

    driver.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
    assertThat(driver.findElement(By.id("chat")).isDisplayed()).isFalse();
    assertThat(session("leeway.token")).isNull();
    assertThat(session("leeway.conversation")).isNull();
  }

  @Test
  void aWrongTokenIsRefusedWithAClearMessage() {
    driver.findElement(By.id("token")).sendKeys("lw_not-a-real-token");
    driver.findElement(By.id("signin-button")).click();

    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
    assertThat(error.getText()).contains("not accepted");
    assertThat(error.getAttribute("role")).isEqualTo("alert");
    assertThat(driver.findElement(By.id("chat")).isDisplayed()).isFalse();
    assertThat(session("leeway.token")).isNull();
  }

  @Test
  void aDamagedItemWithPhotosShowsThePlayCardWithCanDo() {
    signIn(token);
    WebElement reply = say("kettle arrived smashed yesterday, she paid $40 and sent photos", 1);

    // The cards are the answer: no message above them repeating what they say.
    assertThat(reply.findElements(By.cssSelector(".bubble--bot"))).isEmpty();
    WebElement card = card(reply, "orders.damaged-item");
    assertThat(card.findElement(By.cssSelector(".play-title")).getText())
        .isEqualTo("Item arrived damaged");
    assertThat(card.findElement(By.cssSelector(".play-fit")).getText()).matches("Fit \\d{1,3}%");
    assertThat(card.findElement(By.cssSelector(".play-example")).getText())
        .startsWith("Closest example:");
    WebElement guidance = card.findElement(By.cssSelector("details.play-guidance"));
    assertThat(guidance.getAttribute("open")).isNull();

    List<WebElement> canDo = card.findElements(By.cssSelector("li.action[data-decision='CAN_DO']"));
    assertThat(canDo).isNotEmpty();
    WebElement action = canDo.get(0);
    assertThat(action.getAttribute("data-action-id")).isNotBlank();
    assertThat(action.findElement(By.cssSelector(".badge")).getText()).contains("Can do");
    assertThat(action.findElement(By.cssSelector(".action-amount")).getText()).isEqualTo("$40.00");
    assertThat(action.findElement(By.cssSelector(".action-policy")).getText()).contains("R-2.1");

    // "Why" is collapsed until asked for, then says why in sentences; the table of checks is a
    // supervisor's (an agent's page has none).
    WebElement why = action.findElement(By.cssSelector("details.why"));
    WebElement sentence = why.findElement(By.cssSelector(".why-sentences li"));
    assertThat(sentence.isDisplayed()).isFalse();
    why.findElement(By.tagName("summary")).click();
    wait.until(ExpectedConditions.visibilityOf(sentence));
    assertThat(sentence.getText()).endsWith(".");
    assertThat(why.findElements(By.cssSelector("table.trace-checks"))).isEmpty();

    assertActionsInDecisionOrder(card);

    // The facts panel lists what Leeway read, with where it came from.
    WebElement photo = driver.findElement(By.cssSelector("#facts-list li[data-fact='has_photo']"));
    assertThat(photo.getAttribute("data-source")).isEqualTo("text");
    assertThat(photo.findElement(By.cssSelector(".fact-name")).getText())
        .isEqualToIgnoringCase("has photo");
    assertThat(photo.findElement(By.cssSelector(".fact-value")).getText()).isEqualTo("yes");
    assertThat(photo.findElement(By.cssSelector(".fact-source")).getText()).contains("“photos”");
    assertThat(driver.findElements(By.cssSelector("#facts-list .fact-value")))
        .extracting(WebElement::getText)
        .contains("$40.00");
  }

  @Test
  void anActionThatDoesNotApplyIsFoldedAwayApartFromTheRest() {
    signIn(token);
    WebElement reply =
        say("atm didnt give him the $100, it was debited 2 days ago, he still has his card", 1);

    WebElement card = card(reply, "cards.atm-cash-not-dispensed");
    WebElement folded = card.findElement(By.cssSelector("details.not-applicable"));
    assertThat(folded.getAttribute("open")).isNull();
    assertThat(folded.findElement(By.tagName("summary")).getText())
        .isEqualTo("Does not apply here (1)");
    WebElement row =
        folded.findElement(By.cssSelector("li.action[data-decision='NOT_APPLICABLE']"));
    assertThat(row.getAttribute("data-action-id")).isEqualTo("replace-retained-card");
    assertThat(row.isDisplayed()).isFalse();
    folded.findElement(By.tagName("summary")).click();
    wait.until(ExpectedConditions.visibilityOf(row));
    assertThat(row.findElement(By.cssSelector(".badge")).getText()).contains("Does not apply");
    // Only the actions that are open stay in the card's main list.
    assertThat(
            card.findElements(
                By.cssSelector("ul.actions > li.action[data-decision='NOT_APPLICABLE']")))
        .allSatisfy(
            li ->
                assertThat(li.findElement(By.xpath("ancestor::details")).getAttribute("class"))
                    .contains("not-applicable"));
  }

  @Test
  void aMissingFactIsAskedAboveTheInputAndTheAnswerUpdatesTheDecision() {
    signIn(token);
    WebElement first = say("kettle arrived smashed yesterday, she paid $40", 1);

    WebElement question =
        card(first, "orders.damaged-item").findElement(By.cssSelector(".question"));
    assertThat(question.getAttribute("data-fact")).isEqualTo("has_photo");
    assertThat(question.findElement(By.cssSelector(".question-text")).getText())
        .startsWith("? Find out: ")
        .endsWith("?");
    assertThat(question.findElements(By.cssSelector("li.action[data-decision='NEED_INFO']")))
        .isNotEmpty();

    // The input says it waits for the answer; the question itself is not repeated there.
    WebElement followUp = driver.findElement(By.id("follow-up"));
    wait.until(ExpectedConditions.attributeToBe(followUp, "data-type", "ask_fact"));
    assertThat(followUp.getAttribute("data-fact")).isEqualTo("has_photo");
    assertThat(driver.findElement(By.id("message-label")).getText())
        .startsWith("The customer’s answer");
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("message");
    assertTheInputStaysOnScreen();

    driver.switchTo().activeElement().sendKeys("yes", Keys.ENTER);
    WebElement second = reply(2);
    WebElement card = card(second, "orders.damaged-item");
    assertThat(card.findElements(By.cssSelector("li.action[data-decision='CAN_DO']"))).isNotEmpty();
    assertThat(card.findElements(By.cssSelector("li.action[data-decision='NEED_INFO']"))).isEmpty();
    wait.until(ExpectedConditions.textToBe(By.id("message-label"), "Describe the situation"));
    assertThat(
            driver
                .findElement(By.cssSelector("#facts-list li[data-fact='has_photo'] .fact-value"))
                .getText())
        .isEqualTo("yes");
  }

  @Test
  void twoClosePlaysAreOfferedAsButtonsAndClickingOneAnswersWithIt() {
    signIn(token);
    say("package returning to origin and can we change the delivery address", 1);

    WebElement followUp =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("follow-up")));
    assertThat(followUp.getAttribute("data-type")).isEqualTo("choose_play");
    assertThat(driver.findElement(By.id("follow-up-question")).getText()).isNotBlank();
    List<WebElement> options =
        driver.findElements(By.cssSelector("#follow-up-options button[data-play-id]"));
    assertThat(options).hasSize(2);

    assertTheInputStaysOnScreen();

    WebElement chosen = options.get(0);
    String playId = chosen.getAttribute("data-play-id");
    String title = chosen.getText();
    chosen.click();

    WebElement second = reply(2);
    List<WebElement> agentBubbles =
        driver.findElements(By.cssSelector("#transcript .bubble--agent"));
    assertThat(agentBubbles.get(agentBubbles.size() - 1).getText()).contains(title);
    assertThat(card(second, playId).isDisplayed()).isTrue();
    assertTheInputStaysOnScreen();
  }

  @Test
  void oneWordManyPlaysUseOffersTheLikeliestAsButtonsWithNoCardGuessed() {
    signIn(token);
    WebElement ask = say("refund", 1);

    assertThat(ask.getAttribute("data-kind")).isEqualTo("clarify");
    assertThat(ask.getText()).contains("\"refund\" alone fits").contains("Or say what happened.");
    assertThat(ask.findElements(By.cssSelector("article.play-card"))).isEmpty();
    List<WebElement> options =
        driver.findElements(By.cssSelector("#follow-up-options button[data-play-id]"));
    assertThat(options).hasSize(3);

    WebElement third = options.get(2);
    String playId = third.getAttribute("data-play-id");
    third.click();

    assertThat(card(reply(2), playId).isDisplayed()).isTrue();
  }

  @Test
  void feedbackOnACardIsRecorded() {
    signIn(token);
    WebElement reply = say("kettle arrived smashed yesterday, she paid $40 and sent photos", 1);
    WebElement card = card(reply, "orders.damaged-item");

    card.findElement(By.cssSelector("button[data-verdict='helpful']")).click();
    WebElement status = card.findElement(By.cssSelector(".feedback-status"));
    wait.until(ExpectedConditions.attributeToBe(status, "data-state", "recorded"));
    assertThat(status.getText()).isEqualTo("Thanks — recorded");

    // "Wrong play" asks which play was right, inline, then records that too.
    WebElement wrong = card.findElement(By.cssSelector("button[data-verdict='wrong']"));
    wrong.click();
    WebElement rightPlay = card.findElement(By.cssSelector(".wrong-play-form input"));
    wait.until(ExpectedConditions.visibilityOf(rightPlay));
    assertThat(wrong.getAttribute("aria-expanded")).isEqualTo("true");
    rightPlay.sendKeys("orders.faulty-after-use", Keys.ENTER);
    wait.until(ExpectedConditions.attributeToBe(status, "data-verdict", "wrong"));
    wait.until(ExpectedConditions.attributeToBe(status, "data-state", "recorded"));
    assertThat(status.getText()).isEqualTo("Thanks — recorded");

    // The store holds this agent's latest verdict on this play of this answer: one per subject.
    String answerId = reply.getAttribute("data-answer-id");
    var store = server.services().archive().store();
    assertThat(store.<List<FeedbackRow>>read(c -> store.feedback().forAnswer(c, answerId)))
        .extracting(
            FeedbackRow::user, FeedbackRow::playId, FeedbackRow::verdict, FeedbackRow::rightPlayId)
        .containsExactly(
            tuple("page-test", "orders.damaged-item", "wrong", "orders.faulty-after-use"));
  }

  @Test
  void theKeyboardAloneSignsInTabsToTheInputAndSendsWithEnter() {
    driver.switchTo().activeElement().sendKeys(token, Keys.ENTER);
    wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "open"));

    // Start from nowhere, then Tab through the page to the message box.
    driver.executeScript("document.activeElement.blur();");
    for (int i = 0;
        i < 10 && !"message".equals(driver.switchTo().activeElement().getAttribute("id"));
        i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
    }
    WebElement input = driver.switchTo().activeElement();
    assertThat(input.getAttribute("id")).as("Tab reaches the message box").isEqualTo("message");
    assertThat(driver.findElement(By.cssSelector("label[for='message']")).getText()).isNotBlank();

    // Shift+Enter is a new line, not a send.
    input.sendKeys("kettle arrived smashed yesterday,");
    input.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
    input.sendKeys("she paid $40 and sent photos");
    assertThat(driver.findElements(By.cssSelector("#transcript .bubble--agent"))).isEmpty();
    assertThat(input.getAttribute("value")).contains("\n");
    input.sendKeys(Keys.ENTER);

    WebElement reply = reply(1);
    assertThat(
            card(reply, "orders.damaged-item")
                .findElements(By.cssSelector("li.action[data-decision='CAN_DO']")))
        .isNotEmpty();
    assertThat(driver.findElement(By.cssSelector("#transcript .bubble--agent")).getText())
        .contains("yesterday,\nshe paid");
    assertThat(input.getAttribute("value")).isEmpty();
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("message");
    assertThat(driver.findElement(By.id("transcript")).getAttribute("aria-live"))
        .isEqualTo("polite");
  }

  @Test
  void reloadingThePageResumesTheConversationWithItsPendingQuestion() {
    signIn(token);
    say("kettle arrived smashed yesterday, she paid $40", 1);
    String conversation = session("leeway.conversation");

    driver.navigate().refresh();
    wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "open"));
    assertThat(driver.findElement(By.id("signin")).isDisplayed()).isFalse();
    assertThat(session("leeway.conversation")).isEqualTo(conversation);
    card(reply(1), "orders.damaged-item");
    wait.until(ExpectedConditions.attributeToBe(By.id("follow-up"), "data-type", "ask_fact"));

    WebElement second = say("yes", 2);
    assertThat(
            card(second, "orders.damaged-item")
                .findElements(By.cssSelector("li.action[data-decision='CAN_DO']")))
        .isNotEmpty();
  }

  @Test
  void aDroppedConnectionIsShownThenReconnectedIntoTheSameConversation() {
    // Keep a hold on the page's sockets (a script the DevTools protocol adds before the page's
    // own, outside its CSP) so the test can drop one.
    Map<String, Object> spy =
        driver.executeCdpCommand(
            "Page.addScriptToEvaluateOnNewDocument",
            Map.of(
                "source",
                "window.__sockets = []; const Native = window.WebSocket;"
                    + " window.WebSocket = class extends Native {"
                    + " constructor(...args) { super(...args); window.__sockets.push(this); } };"));
    try {
      driver.navigate().refresh();
      signIn(token);
      say("kettle arrived smashed yesterday, she paid $40", 1);
      String conversation = session("leeway.conversation");

      driver.executeScript("window.__sockets[window.__sockets.length - 1].close();");
      wait.until(
          ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "reconnecting"));
      assertThat(driver.findElement(By.id("connection")).getText())
          .startsWith("Connection lost. Reconnecting in ");
      wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "open"));

      assertThat((Long) driver.executeScript("return window.__sockets.length;")).isEqualTo(2L);
      assertThat(session("leeway.conversation")).isEqualTo(conversation);
      assertThat(driver.findElements(By.cssSelector("#transcript .reply"))).hasSize(1);
      WebElement second = say("yes", 2);
      assertThat(
              card(second, "orders.damaged-item")
                  .findElements(By.cssSelector("li.action[data-decision='CAN_DO']")))
          .isNotEmpty();
    } finally {
      driver.executeCdpCommand(
          "Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", spy.get("identifier")));
    }
  }

  @Test
  void nothingFittingSaysSoWithTheEscalationPath() {
    signIn(token);
    WebElement reply = say("what is the weather like in leeds tomorrow", 1);

    assertThat(reply.getAttribute("data-kind")).isEqualTo("no_match");
    WebElement bubble = reply.findElement(By.cssSelector("[data-no-match]"));
    assertThat(bubble.findElement(By.cssSelector(".no-match-title")).getText())
        .isEqualTo("No play fits");
    assertThat(bubble.findElement(By.cssSelector(".no-match-next-step")).getText())
        .startsWith("Next step: ")
        .contains("team leader on duty");
    assertThat(reply.findElements(By.cssSelector("article.play-card"))).isEmpty();
  }

  // ---------- helpers ----------

  private static void signIn(String value) {
    driver.findElement(By.id("token")).sendKeys(value);
    driver.findElement(By.id("signin-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat")));
    wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "open"));
  }

  /** Types a message, sends it with Enter, and returns the reply for that turn. */
  private static WebElement say(String text, int turn) {
    WebElement input = driver.findElement(By.id("message"));
    input.sendKeys(text, Keys.ENTER);
    return reply(turn);
  }

  private static WebElement reply(int turn) {
    return wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#transcript .reply[data-turn='" + turn + "']")));
  }

  private static WebElement card(WebElement reply, String playId) {
    List<WebElement> cards =
        reply.findElements(By.cssSelector("article.play-card[data-play-id='" + playId + "']"));
    assertThat(cards).as("a card for play %s in %s", playId, reply.getText()).hasSize(1);
    return cards.get(0);
  }

  /**
   * On a 1366x768 laptop only the conversation scrolls, never the page: the follow-up question, its
   * options and the input stay on screen however long the answer.
   */
  private static void assertTheInputStaysOnScreen() {
    Object layout =
        driver.executeScript(
            "const c = document.getElementById('composer').getBoundingClientRect();"
                + " const f = document.getElementById('follow-up').getBoundingClientRect();"
                + " return [document.documentElement.scrollHeight, innerHeight, Math.round(f.top), Math.round(c.bottom)].join(' ');");
    String[] v = String.valueOf(layout).split(" ");
    int pageHeight = Integer.parseInt(v[0]);
    int viewport = Integer.parseInt(v[1]);
    assertThat(pageHeight)
        .as("page height (viewport %s): %s", viewport, layout)
        .isLessThanOrEqualTo(viewport);
    assertThat(Integer.parseInt(v[2])).as("follow-up top").isGreaterThanOrEqualTo(0);
    assertThat(Integer.parseInt(v[3])).as("input bottom").isLessThanOrEqualTo(viewport);
  }

  private static void assertActionsInDecisionOrder(WebElement card) {
    List<String> order =
        List.of(
            "CAN_DO",
            "CAN_DO_BY_EXCEPTION",
            "NEEDS_APPROVAL",
            "ESCALATE",
            "CANNOT_DO",
            "NEED_INFO",
            "NOT_APPLICABLE");
    List<Integer> ranks =
        card.findElements(By.cssSelector("li.action")).stream()
            .map(row -> order.indexOf(row.getAttribute("data-decision")))
            .toList();
    assertThat(ranks).doesNotContain(-1).isSorted();
  }

  private static String session(String key) {
    return (String)
        ((JavascriptExecutor) driver)
            .executeScript("return sessionStorage.getItem(arguments[0]);", key);
  }
}
