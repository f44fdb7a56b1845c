package dev.leeway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * How the agent's page presents an answer, in a real browser against the real server: compact cards
 * (three verdicts on a laptop screen), the question once with what it settles, plain reasons and
 * "Why", the trace for supervisors only, no match in plain words, the case header and New case, the
 * keyboard, and the strict content security policy.
 */
class AnswerPageTest {

  /** A play with three actions: one can do, one needs approval, one waits for an answer. */
  private static final String BACKORDER =
      "order still says awaiting stock after 3 weeks, order was $80";

  private static final String DAMAGED_NO_PHOTO = "kettle arrived smashed yesterday, she paid $40";
  private static final String DAMAGED_WITH_PHOTO =
      "kettle arrived smashed yesterday, she paid $40 and sent photos";

  /** Internal names an agent should never read: snake_case facts, play ids, CEL operators. */
  private static final Pattern INTERNAL =
      Pattern.compile("\\b[a-z]+_[a-z0-9_]+\\b|\\b[a-z]+\\.[a-z]+-[a-z-]+\\b|==|!=|&&|\\|\\|");

  /** Verdict badges of {@code arguments[0]} that are entirely on screen and not covered. */
  private static final String VISIBLE_BADGES =
      """
      const box = document.getElementById('transcript').getBoundingClientRect();
      return [...arguments[0].querySelectorAll('li.action .badge')].filter((badge) => {
        const r = badge.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        const inside = r.top >= Math.max(0, box.top) && r.bottom <= Math.min(innerHeight, box.bottom)
          && r.left >= 0 && r.right <= innerWidth;
        const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
        return inside && hit !== null && badge.contains(hit);
      }).length;
      """;

  @TempDir static Path dataDir;
  @TempDir static Path browserProfile;

  private static PageSession page;

  @BeforeAll
  static void start() throws Exception {
    page = PageSession.start(dataDir, browserProfile);
  }

  @AfterAll
  static void stop() {
    if (page != null) {
      page.close();
    }
  }

  @Test
  void atALaptopsSizeThreeActionVerdictsAreOnScreenWithoutScrolling() {
    for (int[] size : new int[][] {{1366, 768}, {1280, 900}}) {
      page.freshPage(size[0], size[1]);
      page.signIn(page.agentToken);
      WebElement reply = page.say(BACKORDER);
      page.card(reply, "orders.backorder-delay");

      long visible = (Long) page.driver.executeScript(VISIBLE_BADGES, reply);
      assertThat(visible)
          .as("action verdicts fully visible at %dx%d", size[0], size[1])
          .isGreaterThanOrEqualTo(3);
      // Only the conversation scrolls, never the page.
      assertThat((Long) page.driver.executeScript("return document.documentElement.scrollHeight"))
          .isLessThanOrEqualTo((Long) page.driver.executeScript("return innerHeight"));
    }
  }

  @Test
  void theQuestionIsShownOnceWithTheActionsItsAnswerSettles() {
    page.freshPage(1366, 768);
    page.signIn(page.agentToken);
    WebElement reply = page.say(DAMAGED_NO_PHOTO);
    WebElement card = page.card(reply, "orders.damaged-item");

    List<WebElement> questions = card.findElements(By.cssSelector(".question"));
    assertThat(questions).hasSize(1);
    WebElement question = questions.get(0);
    String lead = question.findElement(By.cssSelector(".question-lead")).getText();
    String text = question.findElement(By.cssSelector(".question-text")).getText();
    assertThat(lead).contains("Find out");
    String asked = text.substring(lead.length()).trim();
    assertThat(asked).endsWith("?");
    assertThat(occurrences(page.driver.findElement(By.tagName("body")).getText(), asked))
        .as("times the question '%s' is on the page", asked)
        .isEqualTo(1);

    // Under it, the actions the answer settles; none of them repeats it or waits elsewhere.
    List<String> settled =
        question.findElements(By.cssSelector(".actions--waiting li.action")).stream()
            .map(li -> li.getAttribute("data-action-id"))
            .toList();
    assertThat(settled).contains("send-replacement", "refund-item");
    assertThat(
            card.findElements(
                By.cssSelector(
                    "ul.actions:not(.actions--waiting) > li.action[data-decision='NEED_INFO']")))
        .isEmpty();
    assertThat(driver().findElement(By.id("message-label")).getText()).contains("answer");

    WebElement answered = page.say("yes");
    WebElement next = page.card(answered, "orders.damaged-item");
    assertThat(next.findElements(By.cssSelector(".question"))).isEmpty();
    assertThat(next.findElements(By.cssSelector("li.action[data-decision='CAN_DO']"))).isNotEmpty();
  }

  @Test
  void reasonsAndWhyAreInPlainWordsAndOnlyASupervisorSeesTheFullTrace() {
    page.freshPage(1366, 768);
    page.signIn(page.agentToken);
    WebElement reply = page.say(BACKORDER);
    WebElement card = page.card(reply, "orders.backorder-delay");

    List<WebElement> reasons = card.findElements(By.cssSelector(".action-reason"));
    assertThat(reasons).isNotEmpty();
    for (WebElement reason : reasons) {
      assertThat(reason.getText()).isNotBlank().doesNotContainPattern(INTERNAL);
    }
    List<WebElement> whys = card.findElements(By.cssSelector("details.why"));
    assertThat(whys).isNotEmpty();
    for (WebElement why : whys) {
      assertThat(why.getAttribute("open")).isNull();
      why.findElement(By.tagName("summary")).click();
      List<WebElement> sentences = why.findElements(By.cssSelector(".why-sentences li"));
      assertThat(sentences).isNotEmpty();
      for (WebElement sentence : sentences) {
        assertThat(sentence.isDisplayed()).isTrue();
        assertThat(sentence.getText()).matches("[A-Z$£€0-9].*\\.").doesNotContainPattern(INTERNAL);
      }
    }
    assertThat(reply.findElements(By.cssSelector("details.full-trace, table.trace-checks")))
        .as("an agent sees no trace table")
        .isEmpty();

    page.freshPage(1366, 768);
    page.signIn(page.supervisorToken);
    WebElement supervisors = page.say(BACKORDER);
    WebElement why =
        page.card(supervisors, "orders.backorder-delay")
            .findElement(By.cssSelector("li.action details.why"));
    why.findElement(By.tagName("summary")).click();
    WebElement trace = why.findElement(By.cssSelector("details.full-trace"));
    assertThat(trace.getAttribute("open")).isNull();
    trace.findElement(By.tagName("summary")).click();
    WebElement table = trace.findElement(By.cssSelector("table.trace-checks"));
    page.wait.until(ExpectedConditions.visibilityOf(table));
    assertThat(table.findElements(By.cssSelector("tbody tr"))).isNotEmpty();
  }

  @Test
  void noMatchSaysSoInPlainWordsWithTheNextStep() {
    page.freshPage(1366, 768);
    page.signIn(page.agentToken);
    WebElement reply = page.say("what is the weather like in leeds tomorrow");

    assertThat(reply.getAttribute("data-kind")).isEqualTo("no_match");
    WebElement box = reply.findElement(By.cssSelector("[data-no-match]"));
    assertThat(box.findElement(By.cssSelector(".no-match-message")).getText()).isNotBlank();
    assertThat(box.findElement(By.cssSelector(".no-match-next-step")).getText())
        .startsWith("Next step: ")
        .hasSizeGreaterThan("Next step: ".length() + 10);
    assertThat(box.getText())
        .doesNotContainIgnoringCase("confidence")
        .doesNotContainIgnoringCase("threshold")
        .doesNotContainPattern("\\d\\.\\d|\\d%");
    assertThat(driver().findElement(By.id("case-title")).getText()).isEqualTo("No play fits");
  }

  @Test
  void newCaseFromTheKeyboardClearsTheFactsAndKeepsTheEarlierCaseSeparated() {
    page.freshPage(1366, 768);
    page.signIn(page.agentToken);
    WebElement first = page.say(DAMAGED_WITH_PHOTO);
    page.card(first, "orders.damaged-item");
    assertThat(text("case-number")).isEqualTo("Case 1");
    assertThat(text("case-title")).isEqualTo("Item arrived damaged");
    assertThat(text("case-facts")).contains("$40.00");
    assertThat(driver().findElements(By.cssSelector("#facts-list li[data-fact='has_photo']")))
        .hasSize(1);

    // Alt+N while typing: a new case, the draft kept for it.
    WebElement input = driver().findElement(By.id("message"));
    input.sendKeys("draft for the next customer");
    page.altN();
    page.wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#transcript .case-separator[data-case='2']")));
    assertThat(input.getAttribute("value")).isEqualTo("draft for the next customer");
    assertThat(driver().findElements(By.cssSelector("#facts-list li"))).isEmpty();
    assertThat(driver().findElement(By.id("facts-empty")).isDisplayed()).isTrue();
    assertThat(text("case-number")).isEqualTo("Case 2");
    assertThat(driver().findElement(By.id("case-title")).getAttribute("data-empty")).isNotNull();
    assertThat(text("case-facts")).isEmpty();
    // Both cases are labelled, in order around the first case's turn.
    assertThat(order("#transcript .case-separator[data-case='1']", "#transcript .bubble--agent"))
        .isNegative();
    assertThat(order("#transcript .reply", "#transcript .case-separator[data-case='2']"))
        .isNegative();

    input.clear();
    WebElement second = page.say(BACKORDER);
    assertThat(second.getAttribute("data-case")).isEqualTo("2");
    page.card(second, "orders.backorder-delay");
    assertThat(
            driver().findElements(By.cssSelector("#facts-list li")).stream()
                .map(li -> li.getAttribute("data-fact"))
                .toList())
        .doesNotContain("has_photo", "item_price", "amount")
        .contains("order_total");
    assertThat(text("case-title")).isEqualTo("Order not dispatched, item on backorder");
    assertThat(first.isDisplayed()).as("the first case stays in the transcript").isTrue();
    assertThat(first.getAttribute("data-case")).isEqualTo("1");

    // The button does the same and hands the keyboard back to the message box.
    driver().findElement(By.id("new-case")).click();
    page.wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#transcript .case-separator[data-case='3']")));
    assertThat(text("case-number")).isEqualTo("Case 3");
    assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("message");
    assertThat(driver().findElement(By.id("composer-help")).getText()).contains("Alt+N");
  }

  @Test
  void everyControlIsReachableByTabWithAVisibleFocusAndWorksFromTheKeyboard() {
    page.freshPage(1366, 768);
    page.signIn(page.agentToken);
    WebElement reply = page.say(BACKORDER);
    page.card(reply, "orders.backorder-delay");

    // From the top of the page (the skip link), Tab by Tab down to Send.
    driver().executeScript("document.querySelector('.skip-link').focus();");
    List<String> reached = new ArrayList<>();
    WebElement why = null;
    for (int i = 0; i < 40 && !reached.contains("send"); i++) {
      driver().switchTo().activeElement().sendKeys(Keys.TAB);
      WebElement focused = driver().switchTo().activeElement();
      String what =
          (String)
              driver()
                  .executeScript(
                      "const e = arguments[0]; return e.id || (e.tagName === 'SUMMARY' ?"
                          + " 'summary:' + e.parentElement.className : e.tagName.toLowerCase()"
                          + " + (e.dataset.verdict ? ':' + e.dataset.verdict : ''));",
                      focused);
      String outline =
          (String)
              driver()
                  .executeScript(
                      "const s = getComputedStyle(arguments[0]); return s.outlineStyle + ' '"
                          + " + s.outlineWidth;",
                      focused);
      assertThat(outline).as("focus outline on %s", what).doesNotStartWith("none").isNotEqualTo("");
      assertThat(outline).as("focus outline on %s", what).doesNotEndWith(" 0px");
      reached.add(what);
      if (why == null && what.equals("summary:why")) {
        why = focused;
      }
    }
    assertThat(reached)
        .contains(
            "new-case",
            "transcript",
            "summary:why",
            "summary:play-guidance",
            "button:used",
            "message",
            "send");

    // Enter opens "Why"; Enter on New case starts a case.
    why.sendKeys(Keys.ENTER);
    assertThat(why.findElement(By.xpath("..")).getAttribute("open")).isNotNull();
    WebElement newCase = driver().findElement(By.id("new-case"));
    driver().executeScript("arguments[0].focus();", newCase);
    newCase.sendKeys(Keys.ENTER);
    page.wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#transcript .case-separator[data-case='2']")));
  }

  @Test
  void thePageKeepsAStrictContentSecurityPolicyWithNothingInline() throws Exception {
    HttpResponse<String> index =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(page.base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    String policy = index.headers().firstValue("Content-Security-Policy").orElse("");
    assertThat(policy)
        .contains("default-src 'none'", "script-src 'self'", "style-src 'self'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(index.body())
        .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
        .doesNotContainPattern("\\sstyle=")
        .doesNotContainPattern("\\son[a-z]+=")
        .doesNotContain("<style");

    page.freshPage(1366, 768);
    driver()
        .executeScript(
            "window.__violations = []; document.addEventListener('securitypolicyviolation',"
                + " (e) => window.__violations.push(e.violatedDirective));");
    page.signIn(page.agentToken);
    page.say(BACKORDER);
    driver().findElement(By.id("new-case")).click();
    page.wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#transcript .case-separator[data-case='2']")));
    page.say("what is the weather like in leeds tomorrow");
    assertThat((Long) driver().executeScript("return document.querySelectorAll('[style]').length"))
        .isZero();
    assertThat((List<?>) driver().executeScript("return window.__violations;")).isEmpty();
  }

  /**
   * The screenshots in docs/images: run with {@code -Dleeway.screenshots=docs/images} to write them
   * again (see docs/agent-page.md).
   */
  @Test
  @EnabledIfSystemProperty(named = "leeway.screenshots", matches = ".+")
  void screenshotsOfTheFourKindsOfReply() throws Exception {
    Path folder = Path.of(System.getProperty("leeway.screenshots"));
    shoot(folder.resolve("page-answer.png"), DAMAGED_WITH_PHOTO, "answer");
    shoot(folder.resolve("page-question.png"), BACKORDER, "answer");
    shoot(
        folder.resolve("page-urgent.png"),
        "the router is smoking and smells of burning plastic",
        "answer");
    shoot(
        folder.resolve("page-no-match.png"),
        "her child swallowed a button battery from the remote",
        "no_match");
  }

  private void shoot(Path file, String text, String kind) throws Exception {
    page.freshPage(1366, 768);
    page.signIn(page.agentToken);
    WebElement reply = page.say(text);
    assertThat(reply.getAttribute("data-kind")).as("the reply to '%s'", text).isEqualTo(kind);
    page.screenshot(file);
  }

  private static org.openqa.selenium.chrome.ChromeDriver driver() {
    return page.driver;
  }

  private static String text(String id) {
    return driver().findElement(By.id(id)).getText();
  }

  /** Negative when the first match of {@code a} comes before the first match of {@code b}. */
  private static long order(String a, String b) {
    return (Long)
        driver()
            .executeScript(
                "const a = document.querySelector(arguments[0]), b ="
                    + " document.querySelector(arguments[1]);"
                    + " return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1"
                    + " : 1;",
                a,
                b);
  }

  private static int occurrences(String haystack, String needle) {
    int count = 0;
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }
}
