package dev.leeway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.json.Json;
import dev.leeway.store.GapRepository.GapRow;
import dev.leeway.store.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The supervisors' workspace pages in headless Chromium against the real server over the starter
 * pack: a play written in the form, refused, fixed, tried, reviewed by a second supervisor,
 * published, seen by an agent and rolled back; a stale edit; an agent's token; how soon an agent
 * sees what was published. With {@code -Dleeway.screenshots=docs/images} the tests also write the
 * screenshots of docs/workspace.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspacePageTest {

  private static final String NEW_PLAY = "orders.gift-wrap-torn";
  private static final String NEW_PLAY_WORDS = "the gift wrapping was torn when the parcel arrived";

  @TempDir static Path dataDir;
  @TempDir static Path browserProfile;

  private static PageSession page;
  private static ChromeDriver driver;
  private static WebDriverWait wait;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    page = PageSession.start(dataDir, browserProfile);
    driver = page.driver;
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    if (page != null) {
      page.close();
    }
  }

  @AfterEach
  void noContentSecurityPolicyViolations() {
    assertThat(page.violations()).as("CSP violations").isEmpty();
  }

  @Test
  void aNewPlayIsWrittenRefusedFixedTriedReviewedPublishedAndRolledBack() throws Exception {
    open("/supervisor/play.html?new=1", page.supervisorToken);
    type("id", NEW_PLAY);
    type("title", "Gift wrapping arrived torn");
    type(
        "situation",
        "The gift wrapping of an order was torn or missing when it arrived; the item is fine.");
    type("owner", "returns-team");
    type("examples[0]", NEW_PLAY_WORDS);
    for (String example :
        List.of(
            "gift wrap ripped on arrival",
            "customer paid for gift wrapping and it came torn",
            "the wrapping paper was all shredded in the box",
            "present arrived unwrapped even though she paid for wrapping",
            "gift bag split open in transit")) {
      addRow("examples");
      type("examples[" + rows("examples") + "]", example);
    }
    addRow("actions");
    type("actions[0].id", "wrap-credit");
    type("actions[0].kind", "creditt");
    type("actions[0].label", "Add a goodwill credit for the torn wrapping");
    type("actions[0].amount", "5");
    click("save");

    // The typo is shown beside the action's kind and in the summary at the top.
    WebElement beside =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".field-problem[data-for='actions[0].kind']")));
    assertThat(beside.getText()).contains("creditt");
    assertThat(input("actions[0].kind").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(driver.findElement(By.id("problems")).getText()).contains("actions[0].kind");
    String draftUrl = driver.getCurrentUrl();
    assertThat(draftUrl).contains("?draft=");
    shoot("workspace-editor-error.png", ".field-problem[data-for='actions[0].kind']");

    type("actions[0].kind", "credit");
    click("save");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("problems")));
    assertThat(driver.findElements(By.cssSelector(".field-problem"))).isEmpty();

    // Try it: the draft answers with the new play, the published content does not.
    driver.findElement(By.id("try-text")).sendKeys(NEW_PLAY_WORDS);
    click("try-button");
    // The first try of a draft builds its matcher: seconds on a busy machine.
    new WebDriverWait(driver, Duration.ofSeconds(90))
        .until(
            d ->
                d.findElement(By.id("try-differs")).isDisplayed()
                    || d.findElement(By.id("try-error")).isDisplayed());
    assertThat(driver.findElement(By.id("try-error")).isDisplayed())
        .as(driver.findElement(By.id("try-error")).getText())
        .isFalse();
    WebElement differs = driver.findElement(By.id("try-differs"));
    assertThat(differs.getAttribute("data-differs")).isEqualTo("true");
    assertThat(
            driver.findElements(
                By.cssSelector(".try-draft .answer-play[data-play-id='" + NEW_PLAY + "']")))
        .hasSize(1);
    assertThat(
            driver.findElements(
                By.cssSelector(".try-published .answer-play[data-play-id='" + NEW_PLAY + "']")))
        .isEmpty();
    shoot("workspace-try.png", ".try-published");

    type("why", "customers keep asking about torn gift wrap");
    click("submit");
    waitForState("in_review");

    // The author may not approve their own draft: said plainly, nothing changes.
    click("approve");
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-error")));
    assertThat(error.getText()).containsIgnoringCase("author");
    waitForState("in_review");

    // A second supervisor approves it, then publishes it.
    String second = page.token("second-supervisor", "supervisor");
    open(draftUrl.substring(draftUrl.indexOf("/supervisor/")), second);
    waitForState("in_review");
    click("approve");
    waitForState("approved");
    assertThat(driver.findElement(By.id("trail")).getText())
        .contains("Approved by second-supervisor");
    assertThat(suggestPlays(NEW_PLAY_WORDS)).doesNotContain(NEW_PLAY);
    click("publish");
    WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
    assertThat(notice.getText()).startsWith("Published as revision");
    waitForState("published");
    waitUntilAgents(NEW_PLAY_WORDS, answer -> plays(answer).contains(NEW_PLAY));
    assertThat(amount(suggest(NEW_PLAY_WORDS), NEW_PLAY, "wrap-credit")).isEqualTo(5.0);

    // A second revision raises the credit; agents get 15; rolling back gives them 5 again.
    open("/supervisor/play.html?id=" + NEW_PLAY, page.supervisorToken);
    click("edit");
    wait.until(ExpectedConditions.urlContains("?draft="));
    waitForState("draft");
    type("actions[0].amount", "15");
    type("why", "a bigger credit for torn wrapping");
    click("publish");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Published"));
    waitUntilAgents(NEW_PLAY_WORDS, answer -> amount(answer, NEW_PLAY, "wrap-credit") == 15.0);

    open("/supervisor/play.html?id=" + NEW_PLAY, page.supervisorToken);
    wait.until(
        d ->
            d.findElements(By.cssSelector("#revisions tr")).size() == 2
                && d.findElement(By.id("history")).isDisplayed());
    click("compare");
    WebElement added =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#diff li[data-kind='added']")));
    assertThat(added.getText()).contains("15");
    assertThat(driver.findElement(By.cssSelector("#diff li[data-kind='removed']")).getText())
        .contains("5");
    shoot("workspace-diff.png", "#diff .diff");

    WebElement oldest =
        driver.findElement(By.cssSelector("#revisions tr:last-child button[data-revision]"));
    String revision = oldest.getAttribute("data-revision");
    oldest.click();
    driver.findElement(By.id("rollback-why")).sendKeys("the larger credit was not agreed");
    click("rollback-confirm");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("notice"), "revision " + revision + " is published again"));
    waitUntilAgents(NEW_PLAY_WORDS, answer -> amount(answer, NEW_PLAY, "wrap-credit") == 5.0);
    wait.until(d -> d.findElements(By.cssSelector("#revisions tr")).size() == 3);
  }

  @Test
  void aStaleSaveShowsBothVersionsAndKeepsMine() throws Exception {
    JsonNode draft = api("POST", "/drafts", Map.of("play_id", "orders.damaged-item"), 201);
    String id = draft.path("id").asText();
    open("/supervisor/play.html?draft=" + id, page.supervisorToken);
    waitForState("draft");

    // Someone else saves the same draft meanwhile.
    HttpResponse<String> current = send("GET", "/drafts/" + id, null, null);
    String theirs =
        Json.json()
            .readTree(current.body())
            .path("yaml")
            .asText()
            .replace("title: Item arrived damaged", "title: Item arrived damaged (theirs)");
    HttpResponse<String> saved =
        send(
            "PUT",
            "/drafts/" + id,
            Map.of("yaml", theirs),
            current.headers().firstValue("ETag").orElseThrow());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

    type("title", "Item arrived damaged (mine)");
    click("save");
    WebElement conflict =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
    assertThat(conflict.findElement(By.cssSelector(".conflict-theirs pre")).getText())
        .contains("Item arrived damaged (theirs)");
    assertThat(conflict.findElement(By.cssSelector(".conflict-yours pre")).getText())
        .contains("Item arrived damaged (mine)");
    shoot("workspace-conflict.png", "#conflict");
    // Nothing of mine was saved yet.
    assertThat(api("GET", "/drafts/" + id, null, 200).path("yaml").asText())
        .contains("(theirs)")
        .doesNotContain("(mine)");

    conflict.findElement(By.xpath(".//button[text()='Keep mine']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Your version"));
    assertThat(input("title").getAttribute("value")).isEqualTo("Item arrived damaged (mine)");
    assertThat(api("GET", "/drafts/" + id, null, 200).path("yaml").asText())
        .contains("Item arrived damaged (mine)")
        .doesNotContain("(theirs)");
  }

  @Test
  void theListFindsPlaysByTheirWordsAndFilters() throws Exception {
    open("/supervisor/plays.html", page.supervisorToken);
    wait.until(d -> listed().size() > 40);
    // "/" jumps to the search box.
    driver.findElement(By.tagName("body")).sendKeys("/");
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q");
    driver.switchTo().activeElement().sendKeys("kettle");
    wait.until(d -> listed().size() < 10 && listed().contains("orders.damaged-item"));
    shoot("workspace-plays.png", "#search");
    driver.findElement(By.id("q")).clear();
    driver.findElement(By.id("q")).sendKeys(Keys.ENTER);
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("domain")))
        .selectByValue("cards-payments");
    wait.until(
        d -> {
          List<String> ids = listed();
          return ids.size() == 12 && ids.stream().allMatch(id -> id.startsWith("cards."));
        });
    driver
        .findElement(By.cssSelector("#plays tbody tr[data-play-id='cards.lost-stolen-card'] a"))
        .click();
    wait.until(ExpectedConditions.textToBe(By.id("play-title"), "Northwind Card lost or stolen"));
    assertThat(input("id").getAttribute("value")).isEqualTo("cards.lost-stolen-card");
    assertThat(input("id").isEnabled()).as("read-only until a draft is made").isFalse();
  }

  @Test
  void aGapGroupBecomesANewPlaysDraftOrExamplesOfAPlay() throws Exception {
    Store store = page.server.services().archive().store();
    List<String> asked =
        List.of("gift card balance shows zero, never used", "the gift voucher has no money on it");
    store
        .write(
            c -> {
              int i = 0;
              for (String text : asked) {
                store
                    .gaps()
                    .insert(
                        c,
                        new GapRow(
                            "gap" + i,
                            Instant.now().minusSeconds(60L * ++i),
                            "suggest",
                            null,
                            "agent",
                            text,
                            "no play fits",
                            List.of()));
              }
              return null;
            })
        .get();
    open("/supervisor/gaps.html", page.supervisorToken);
    WebElement group =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#groups li.gap[data-group='0']")));
    assertThat(group.getText()).contains(asked.get(0)).contains(asked.get(1));

    // Draft a play from both phrasings: the draft holds them as examples; its problems say what
    // only a person can fill in.
    group.findElement(By.id("g0-title")).sendKeys("Gift card shows no balance");
    group.findElement(By.xpath(".//button[text()='Draft a play']")).click();
    WebElement link =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#groups li.gap[data-group='0'] .item-status a")));
    link.click();
    waitForState("draft");
    assertThat(input("examples[0]").getAttribute("value")).isEqualTo(asked.get(0));
    assertThat(input("examples[1]").getAttribute("value")).isEqualTo(asked.get(1));
    assertThat(input("title").getAttribute("value")).isEqualTo("Gift card shows no balance");
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".field-problem[data-for='owner']")));

    // Or add one of them to an existing play's examples.
    open("/supervisor/gaps.html", page.supervisorToken);
    group =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#groups li.gap[data-group='0']")));
    group.findElement(By.id("g0-e1")).click();
    WebElement play = group.findElement(By.id("g0-play"));
    play.clear();
    play.sendKeys("cards.gift-card-problem");
    group.findElement(By.xpath(".//button[text()='Add to play']")).click();
    wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#groups li.gap[data-group='0'] .item-status a")))
        .click();
    waitForState("draft");
    List<String> examples =
        driver.findElements(By.cssSelector("ul[data-list='examples'] input[type='text']")).stream()
            .map(e -> e.getAttribute("value"))
            .toList();
    assertThat(examples).contains(asked.get(0)).doesNotContain(asked.get(1));
    assertThat(driver.findElements(By.cssSelector(".field-problem"))).isEmpty();
  }

  @Test
  void aPhrasingAnAgentMarkedHelpfulIsProposedAcceptedAsADraftAndDismissed() throws Exception {
    String text = "courier left the parcel with nobody and tracking says signed for by XX";
    JsonNode answer = suggest(text);
    String playId = plays(answer).get(0);
    HttpRequest helpful =
        HttpRequest.newBuilder(URI.create(page.base + "/api/v1/feedback"))
            .header("Authorization", "Bearer " + page.agentToken)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.json()
                        .writeValueAsString(
                            Map.of(
                                "answer_id",
                                answer.path("answer_id").asText(),
                                "play_id",
                                playId,
                                "verdict",
                                "helpful"))))
            .build();
    assertThat(HTTP.send(helpful, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(202);

    open("/supervisor/gaps.html", page.supervisorToken);
    By proposal = By.cssSelector("#proposals li.proposal[data-play-id='" + playId + "']");
    WebElement item = wait.until(ExpectedConditions.visibilityOfElementLocated(proposal));
    assertThat(item.getText()).contains(text).contains("marked helpful");

    // Accept: a draft of the play with the phrasing among its examples.
    item.findElement(By.xpath(".//button[text()='Accept']")).click();
    wait.until(
            ExpectedConditions.visibilityOfNestedElementsLocatedBy(
                proposal, By.cssSelector(".item-status a")))
        .get(0)
        .click();
    waitForState("draft");
    assertThat(
            driver
                .findElements(By.cssSelector("ul[data-list='examples'] input[type='text']"))
                .stream()
                .map(e -> e.getAttribute("value"))
                .toList())
        .contains(text);

    // Dismiss: gone from the list, and still gone when the page is read again.
    open("/supervisor/gaps.html", page.supervisorToken);
    item = wait.until(ExpectedConditions.visibilityOfElementLocated(proposal));
    item.findElement(By.xpath(".//button[text()='Dismiss']")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(proposal));
    open("/supervisor/gaps.html", page.supervisorToken);
    wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("proposals-status"), "")));
    assertThat(driver.findElements(proposal)).isEmpty();
  }

  @Test
  void anAgentTokenIsRefusedOnTheWorkspace() {
    for (String path :
        List.of(
            "/supervisor/plays.html",
            "/supervisor/play.html?id=orders.damaged-item",
            "/supervisor/drafts.html",
            "/supervisor/gaps.html",
            "/supervisor/matrix.html")) {
      page.supervisorPage(path, null, 1366, 900);
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
      driver.findElement(By.id("token")).sendKeys(page.agentToken, Keys.ENTER);
      WebElement error =
          wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
      assertThat(error.getText()).as(path).contains("for supervisors");
      assertThat(driver.findElement(By.id("workspace")).isDisplayed()).isFalse();
      assertThat(page.session("leeway.supervisor.token")).isNull();
    }
  }

  /**
   * From the click on Publish until an agent's answer shows (a) a new play never tried, (b) a
   * changed action amount and (c) a changed limit in the authority matrix, which goes through the
   * same draft and history as a play, as YAML. Prints the three; asserts only a generous ceiling on
   * a shared machine. Last: it changes the matrix the other tests decide with.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void publishedChangesReachAgentsWithinSeconds() throws Exception {
    String words = "customer's umbrella handle snapped the first time she opened it";
    String play = "orders.umbrella-handle";
    String refund = "refund-umbrella";

    // (a) a new play, published from its draft.
    assertThat(suggestPlays(words)).doesNotContain(play);
    JsonNode draft = api("POST", "/drafts", Map.of("yaml", umbrellaPlay()), 201);
    assertThat(draft.path("problems").size()).as(draft.toString()).isZero();
    open("/supervisor/play.html?draft=" + draft.path("id").asText(), page.supervisorToken);
    waitForState("draft");
    // Not tried first: publishing alone trains what the new play needs.
    long start = System.nanoTime();
    click("publish");
    long playMs = waitUntilAgents(words, answer -> plays(answer).contains(play));
    playMs = Math.max(playMs, (System.nanoTime() - start) / 1_000_000);
    assertThat(decision(suggest(words), play, refund)).isEqualTo("CAN_DO");

    // (b) its refund from 20 to 100: over the agent's limit of 75.
    open("/supervisor/play.html?id=" + play, page.supervisorToken);
    click("edit");
    wait.until(ExpectedConditions.urlContains("?draft="));
    waitForState("draft");
    type("actions[0].amount", "100");
    type("why", "the umbrella is refunded in full");
    click("save");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "saved"));
    start = System.nanoTime();
    click("publish");
    long actionMs =
        waitUntilAgents(words, answer -> "NEEDS_APPROVAL".equals(decision(answer, play, refund)));
    actionMs = Math.max(actionMs, (System.nanoTime() - start) / 1_000_000);

    // (c) the agent's refund limit from 75 to 150 in the matrix: the 100 is theirs again.
    open("/supervisor/matrix.html", page.supervisorToken);
    wait.until(ExpectedConditions.textToBe(By.id("play-title"), "Authority matrix"));
    click("edit");
    wait.until(ExpectedConditions.urlContains("?draft="));
    waitForState("draft");
    assertThat(driver.findElement(By.id("mode")).isDisplayed()).as("YAML only").isFalse();
    driver.executeScript(
        "const t = document.getElementById('yaml');"
            + " t.value = t.value.replace('refund: {max_amount: 75}', 'refund: {max_amount: 150}');"
            + " t.dispatchEvent(new Event('input', {bubbles: true}));");
    assertThat(input("yaml").getAttribute("value")).contains("refund: {max_amount: 150}");
    type("why", "agents may refund up to 150");
    click("save");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "saved"));
    start = System.nanoTime();
    click("publish");
    long limitMs =
        waitUntilAgents(words, answer -> "CAN_DO".equals(decision(answer, play, refund)));
    limitMs = Math.max(limitMs, (System.nanoTime() - start) / 1_000_000);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("notice"), "Published as revision"));

    System.out.printf(
        "workspace publish → agent answer: new play %d ms, changed action %d ms, changed limit %d"
            + " ms%n",
        playMs, actionMs, limitMs);
    assertThat(playMs).isLessThan(15_000);
    assertThat(actionMs).isLessThan(15_000);
    assertThat(limitMs).isLessThan(15_000);

    // The matrix's history shows the change.
    open("/supervisor/matrix.html", page.supervisorToken);
    wait.until(d -> d.findElements(By.cssSelector("#revisions tr")).size() >= 2);
    click("compare");
    WebElement added =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#diff li[data-kind='added']")));
    assertThat(added.getText()).contains("refund: {max_amount: 150}");
    assertThat(driver.findElement(By.cssSelector("#diff li[data-kind='removed']")).getText())
        .contains("refund: {max_amount: 75}");
  }

  // ---------- the page ----------

  /** The ids of the plays the list shows, read at once (the list is redrawn as filters change). */
  @SuppressWarnings("unchecked")
  private static List<String> listed() {
    return (List<String>)
        driver.executeScript(
            "return [...document.querySelectorAll('#plays tbody tr[data-play-id]')]"
                + ".map((r) => r.dataset.playId);");
  }

  private static void open(String path, String token) {
    page.supervisorPage(path, token, 1366, 900);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("workspace")));
  }

  private static WebElement input(String field) {
    String css =
        "input[data-field='%1$s'], textarea[data-field='%1$s'], select[data-field='%1$s']"
            .formatted(field);
    if (field.matches("[a-z][a-z-]*")) {
      css += ", #" + field;
    }
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  private static void type(String field, String text) {
    WebElement input = input(field);
    input.clear();
    input.sendKeys(text);
  }

  private static void click(String id) {
    WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
    button.click();
  }

  private static void addRow(String list) {
    driver.findElement(By.cssSelector("[data-field='" + list + "'] .add")).click();
  }

  /** The index of the last row of a list. */
  private static int rows(String list) {
    return driver.findElements(By.cssSelector("ul[data-list='" + list + "'] > li")).size() - 1;
  }

  private static void waitForState(String state) {
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#play-state [data-state='" + state + "']")));
  }

  /** With -Dleeway.screenshots=<folder>: the window, scrolled so that {@code css} is in view. */
  private static void shoot(String name, String css) throws IOException {
    String folder = System.getProperty("leeway.screenshots");
    if (folder != null && !folder.isBlank()) {
      driver.executeScript(
          "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", css);
      page.screenshot(Path.of(folder).resolve(name));
    }
  }

  // ---------- the API, as an agent and as a supervisor ----------

  private static HttpResponse<String> send(String method, String path, Object body, String ifMatch)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(page.base + "/api/v1" + path))
            .header("Authorization", "Bearer " + page.supervisorToken)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.json().writeValueAsString(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode api(String method, String path, Object body, int expected)
      throws Exception {
    HttpResponse<String> response = send(method, path, body, null);
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(expected);
    return Json.json().readTree(response.body());
  }

  private static JsonNode suggest(String text) throws Exception {
    return suggest(text, Map.of());
  }

  private static JsonNode suggest(String text, Map<String, Object> facts) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(page.base + "/api/v1/suggest"))
            .header("Authorization", "Bearer " + page.agentToken)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.json().writeValueAsString(Map.of("text", text, "facts", facts))))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.json().readTree(response.body());
  }

  private static List<String> plays(JsonNode answer) {
    List<String> ids = new java.util.ArrayList<>();
    answer.path("plays").forEach(p -> ids.add(p.path("play_id").asText()));
    return ids;
  }

  private static List<String> suggestPlays(String text) throws Exception {
    return plays(suggest(text));
  }

  private static JsonNode action(JsonNode answer, String play, String action) {
    for (JsonNode p : answer.path("plays")) {
      if (p.path("play_id").asText().equals(play)) {
        for (JsonNode a : p.path("actions")) {
          if (a.path("action_id").asText().equals(action)) {
            return a;
          }
        }
      }
    }
    return Json.json().createObjectNode();
  }

  private static String decision(JsonNode answer, String play, String action) {
    return action(answer, play, action).path("decision").asText(null);
  }

  private static double amount(JsonNode answer, String play, String action) {
    return action(answer, play, action).path("amount").asDouble(-1);
  }

  /** Asks as an agent every 50 ms until the answer passes; the milliseconds it took. */
  private static long waitUntilAgents(String text, Predicate<JsonNode> reflects) throws Exception {
    return waitUntilAgents(text, Map.of(), reflects);
  }

  private static long waitUntilAgents(
      String text, Map<String, Object> facts, Predicate<JsonNode> reflects) throws Exception {
    long start = System.nanoTime();
    JsonNode last = null;
    while (System.nanoTime() - start < Duration.ofSeconds(90).toNanos()) {
      last = suggest(text, facts);
      if (reflects.test(last)) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      Thread.sleep(50);
    }
    StringBuilder decisions = new StringBuilder();
    for (JsonNode p : last.path("plays")) {
      for (JsonNode a : p.path("actions")) {
        decisions
            .append(p.path("play_id").asText())
            .append('/')
            .append(a.path("action_id").asText());
        decisions.append(' ').append(a.path("decision").asText()).append(": ");
        decisions.append(a.path("reason").asText()).append('\n');
      }
    }
    throw new AssertionError(
        "agents never got the change; the page says: "
            + driver.findElement(By.id("page-error")).getText()
            + " / "
            + driver.findElement(By.id("notice")).getText()
            + "; content version "
            + last.path("content_version").asText()
            + ", the last answer's decisions:\n"
            + decisions);
  }

  private static String umbrellaPlay() {
    return """
    id: orders.umbrella-handle
    title: Umbrella handle snapped on first use
    situation: >
      An umbrella's handle or frame broke the first time the customer opened it.
    examples:
      - "customer's umbrella handle snapped the first time she opened it"
      - "brolly handle came off on first use"
      - "the umbrella frame broke as soon as he opened it"
      - "umbrella spokes snapped first time out in the rain"
      - "new umbrella handle cracked when opened"
      - "her umbrella fell apart the first time she used it"
    actions:
      - id: refund-umbrella
        kind: refund
        label: Refund the umbrella
        amount: 20
    owner: returns-team
    status: published
    version: 1
    review_by: 2027-12-31
    """;
  }
}
