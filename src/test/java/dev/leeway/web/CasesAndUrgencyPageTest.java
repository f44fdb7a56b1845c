package dev.leeway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The page over the server's cases, urgent steps and actions, and guardrails: a new case is a case
 * of the same conversation (it survives a reload), the server can start one on its own, urgent
 * things come first and are never folded, and a guardrail leads the reply even when no play fits.
 * These rely on the reply's {@code case}, {@code case_started}, {@code urgent}, {@code
 * urgent_steps} and {@code guardrails} and the WebSocket's {@code new_case} frame.
 */
class CasesAndUrgencyPageTest {

  private static final String DAMAGED_WITH_PHOTO =
      "kettle arrived smashed yesterday, she paid $40 and sent photos";
  private static final String BACKORDER =
      "order still says awaiting stock after 3 weeks, order was $80";

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
  void aNewCaseIsACaseOfTheSameConversationAndSurvivesAReload() {
    page.freshPage(1366, 768);
    page.signIn(page.agentToken);
    page.say(DAMAGED_WITH_PHOTO);
    String conversation = page.session("leeway.conversation");

    page.altN();
    page.wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#transcript .case-separator[data-case='2']")));
    assertThat(page.session("leeway.conversation")).isEqualTo(conversation);
    WebElement second = page.say(BACKORDER);
    assertThat(second.getAttribute("data-case")).isEqualTo("2");

    page.driver.navigate().refresh();
    page.wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "open"));
    page.wait.until(d -> page.replies().size() == 2);
    assertThat(page.session("leeway.conversation")).isEqualTo(conversation);
    assertThat(
            page.driver.findElements(By.cssSelector("#transcript .case-separator")).stream()
                .map(s -> s.getAttribute("data-case"))
                .toList())
        .containsExactly("1", "2");
    assertThat(page.replies().get(0).getAttribute("data-case")).isEqualTo("1");
    assertThat(page.replies().get(1).getAttribute("data-case")).isEqualTo("2");
    assertThat(page.driver.findElement(By.id("case-number")).getText()).isEqualTo("Case 2");
    assertThat(
            page.driver.findElements(By.cssSelector("#facts-list li")).stream()
                .map(li -> li.getAttribute("data-fact"))
                .toList())
        .doesNotContain("has_photo")
        .contains("order_total");
  }

  @Test
  void aDifferentCustomerStartsANewCaseWithoutTheButton() {
    page.freshPage(1366, 768);
    page.signIn(page.agentToken);
    page.say(DAMAGED_WITH_PHOTO);

    WebElement next =
        page.say("different customer: she was charged twice for her premium subscription");
    assertThat(next.getAttribute("data-case")).isEqualTo("2");
    List<WebElement> agent = page.driver.findElements(By.cssSelector("#transcript .bubble--agent"));
    WebElement separator =
        page.driver.findElement(By.cssSelector("#transcript .case-separator[data-case='2']"));
    assertThat(
            (Boolean)
                page.driver.executeScript(
                    "return arguments[0].nextElementSibling === arguments[1];",
                    separator,
                    agent.get(1)))
        .as("the separator sits right above the message that opened the case")
        .isTrue();
    assertThat(
            page.driver.findElements(By.cssSelector("#facts-list li")).stream()
                .map(li -> li.getAttribute("data-fact"))
                .toList())
        .doesNotContain("has_photo", "item_price");
  }

  @Test
  void urgentStepsAndActionsComeFirstAreNeverFoldedAndSaySoInWords() {
    for (String situation :
        List.of(
            "she lost her card on the bus this morning",
            "the router is smoking and smells of burning plastic")) {
      page.freshPage(1366, 768);
      page.signIn(page.agentToken);
      WebElement reply = page.say(situation);
      WebElement card = reply.findElement(By.cssSelector("article.play-card"));

      List<WebElement> urgent =
          card.findElements(By.cssSelector(".urgent-steps li, li.action[data-urgent='true']"));
      assertThat(urgent).as("urgent steps or actions for '%s'", situation).isNotEmpty();
      for (WebElement item : urgent) {
        assertThat(item.isDisplayed()).isTrue();
        assertThat(item.findElements(By.xpath("ancestor::details"))).isEmpty();
      }
      // Every urgent item comes before every other action and the question.
      WebElement lastUrgent = urgent.get(urgent.size() - 1);
      for (WebElement other :
          card.findElements(By.cssSelector("li.action:not([data-urgent]), .question"))) {
        assertThat(
                (Boolean)
                    page.driver.executeScript(
                        "return !!(arguments[0].compareDocumentPosition(arguments[1])"
                            + " & Node.DOCUMENT_POSITION_FOLLOWING);",
                        lastUrgent,
                        other))
            .isTrue();
      }
      assertThat(
              card.findElements(By.cssSelector(".urgent-tag")).stream()
                  .map(WebElement::getText)
                  .toList())
          .isNotEmpty()
          .allSatisfy(tag -> assertThat(tag).matches("⚠ (URGENT|DO NOW)"));
    }
  }

  @Test
  void aGuardrailLeadsTheReplyEvenWhenNoPlayFits() {
    page.freshPage(1366, 768);
    page.signIn(page.agentToken);
    WebElement reply = page.say("her child swallowed a button battery from the remote");

    WebElement first = reply.findElement(By.xpath("./*[1]"));
    assertThat(first.getAttribute("class")).isEqualTo("guardrails");
    WebElement guardrail = first.findElement(By.cssSelector(".guardrail"));
    assertThat(guardrail.isDisplayed()).isTrue();
    assertThat(guardrail.getAttribute("data-guardrail-id")).isNotBlank();
    assertThat(guardrail.findElement(By.cssSelector(".guardrail-now")).getText())
        .startsWith("⚠ ")
        .hasSizeGreaterThan(12);
    assertThat(guardrail.findElement(By.cssSelector(".guardrail-detail")).getText())
        .startsWith("To ");
  }
}
