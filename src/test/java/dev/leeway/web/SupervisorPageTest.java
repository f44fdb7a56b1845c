package dev.leeway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.insights.InsightsFixture;
import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.GapRepository.GapRow;
import dev.leeway.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The supervisor's dashboard in headless Chromium against the real server, its store filled with
 * the hand-counted fixture of answers and a few gaps.
 */
class SupervisorPageTest {

  private static final Path SCREENSHOTS = Path.of("target", "supervisor-page-test");

  @TempDir static Path dataDir;
  @TempDir static Path browserProfile;
  @TempDir static Path downloads;

  private static PageSession page;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    page = PageSession.start(dataDir, browserProfile, downloads);
    driver = page.driver;
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    Store store = page.server.services().archive().store();
    store
        .write(
            c -> {
              for (AnswerRow row : InsightsFixture.rows()) {
                store.answers().insert(c, row);
              }
              int i = 0;
              for (String text :
                  List.of(
                      "gift card balance shows zero, never used",
                      "the gift voucher has no money left on it",
                      "is the warehouse hiring forklift drivers")) {
                store
                    .gaps()
                    .insert(
                        c,
                        new GapRow(
                            "g" + i,
                            Instant.parse("2026-03-02T10:00:00Z").plusSeconds(60L * i++),
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
  }

  @AfterAll
  static void stop() {
    if (page != null) {
      page.close();
    }
  }

  @BeforeEach
  void freshPage() {
    page.supervisorPage("/supervisor/", null, 1366, 900);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
  }

  @AfterEach
  void screenshot(TestInfo test) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    // The whole dashboard, not only the first screen.
    Number height = (Number) driver.executeScript("return document.body.scrollHeight;");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, height.intValue()));
    Files.write(
        SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
        driver.getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
  }

  static String token(String role) {
    return page.token("page-" + role, role);
  }

  static void signIn(String token) {
    driver.findElement(By.id("token")).sendKeys(token, Keys.ENTER);
  }

  static void showFixturePeriod() {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("period")));
    driver.executeScript(
        "document.getElementById('from').value = '2026-03-01';"
            + "document.getElementById('to').value = '2026-03-03';");
    driver.findElement(By.id("show")).click();
    wait.until(
        ExpectedConditions.textToBe(By.id("summary"), "7 answers from 2026-03-01 to 2026-03-03."));
  }

  static List<List<String>> table(String figure) {
    WebElement box =
        driver.findElement(By.cssSelector("details.table-box[data-figure='" + figure + "']"));
    if (box.getAttribute("open") == null) {
      box.findElement(By.tagName("summary")).click();
    }
    return box.findElements(By.cssSelector("tbody tr")).stream()
        .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
        .toList();
  }

  @Test
  void aSupervisorSeesEachChartWithItsTableAndDownloadsCsv() throws Exception {
    signIn(token("supervisor"));
    showFixturePeriod();

    assertThat(driver.findElements(By.cssSelector("#figures svg.chart"))).hasSize(6);
    assertThat(table("answers-by-outcome"))
        .containsExactly(
            List.of("2026-03-01", "3", "0", "0", "3"),
            List.of("2026-03-02", "2", "0", "0", "2"),
            List.of("2026-03-03", "0", "1", "1", "2"));
    assertThat(table("autonomy"))
        .containsExactly(
            List.of("agent", "4", "1", "3", "0", "0.25"),
            List.of("senior_agent", "1", "1", "0", "0", "1"),
            List.of("all roles", "5", "2", "3", "0", "0.4"));
    assertThat(table("limits-hit").get(0))
        .containsExactly("refund", "agent", "limit", "2", "75", "", "", "90", "105", "120");
    assertThat(table("refusals"))
        .containsExactly(List.of("return-window", "return", "days_since_purchase <= 30", "1"));
    assertThat(driver.findElement(By.id("gaps-summary")).getText())
        .isEqualTo("3 items in 2 groups.");
    assertThat(driver.findElements(By.cssSelector("#gap-groups > li")).get(0).getText())
        .startsWith("2 times");

    // Keyboard: focus the limits' download button and press Enter.
    WebElement download = driver.findElement(By.cssSelector("button[data-figure='limits-hit']"));
    driver.executeScript("arguments[0].focus();", download);
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    Path file = downloads.resolve("limits-hit-2026-03-01-2026-03-03.csv");
    wait.until(d -> Files.exists(file) && size(file) > 0);
    assertThat(Files.readString(file, StandardCharsets.UTF_8).split("\r\n"))
        .containsExactly(
            "kind,role,check,hits,cap_amount,cap_count,period_days,asked_min,asked_median,asked_max",
            "refund,agent,limit,2,75,,,90,105.00,120",
            "credit,agent,customer budget,1,50,2,365,30,30,30");
    try (Stream<Path> left = Files.list(downloads)) {
      assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("download");
    }
  }

  @Test
  void anAgentTokenIsRefused() {
    signIn(token("agent"));
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
    assertThat(error.getText()).contains("for supervisors");
    assertThat(driver.findElement(By.id("dashboard")).isDisplayed()).isFalse();
    assertThat(driver.executeScript("return sessionStorage.getItem('leeway.supervisor.token');"))
        .isNull();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
