package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.config.ServerConfig;
import dev.leeway.insights.InsightsFixture;
import dev.leeway.json.Json;
import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.FeedbackRepository.FeedbackRow;
import dev.leeway.store.GapRepository.GapRow;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisors' figures over a real server and HTTP, on a store filled with the fixture's
 * answers (counted by hand), gaps and an answer marked wrong.
 */
class InsightsApiTest {

  @TempDir static Path dataDir;
  static LeewayServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String PERIOD = "from=2026-03-01&to=2026-03-03";

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(
                    ServerConfig.HOST,
                    "127.0.0.1",
                    ServerConfig.DATA_DIR,
                    dataDir.toString(),
                    ServerConfig.BURST,
                    "100"))
            .withPort(0);
    server =
        SharedBuildCache.around(
            dataDir, () -> LeewayServer.start(config, StoreSettings.embedded(dataDir)));
    Store store = server.services().archive().store();
    store
        .write(
            c -> {
              for (AnswerRow row : InsightsFixture.rows()) {
                store.answers().insert(c, row);
              }
              gap(
                  store,
                  c,
                  "g1",
                  "2026-03-02T10:00:00Z",
                  "gift card balance shows zero, never used");
              gap(
                  store,
                  c,
                  "g2",
                  "2026-03-02T11:00:00Z",
                  "the gift voucher has no money left on it");
              gap(
                  store,
                  c,
                  "g3",
                  "2026-03-02T12:00:00Z",
                  "is the warehouse hiring forklift drivers");
              // Outside the period.
              gap(store, c, "g4", "2026-03-05T12:00:00Z", "gift card empty though unused");
              store
                  .feedback()
                  .upsert(
                      c,
                      new FeedbackRow(
                          Instant.parse("2026-03-03T10:00:00Z"),
                          "user-agent",
                          "a3",
                          null,
                          null,
                          "wrong",
                          "giftcard.balance",
                          null,
                          null));
              // A second verdict on the same answer, on its play: still one item in the queue.
              store
                  .feedback()
                  .upsert(
                      c,
                      new FeedbackRow(
                          Instant.parse("2026-03-03T10:01:00Z"),
                          "user-agent",
                          "a3",
                          "refund-late",
                          null,
                          "wrong",
                          null,
                          null,
                          null));
              return null;
            })
        .get();
  }

  static void gap(Store store, java.sql.Connection c, String id, String at, String text)
      throws java.sql.SQLException {
    store
        .gaps()
        .insert(
            c,
            new GapRow(
                id,
                Instant.parse(at),
                "suggest",
                null,
                "agent",
                text,
                "no play fits",
                List.of("orders.lost-parcel (0.21)")));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String token(String user, String role) {
    return server.services().tokens().issue(user, role, Instant.now());
  }

  static HttpResponse<String> get(String path, String token, String accept)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token);
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.json().readTree(response.body());
  }

  static final List<String> PATHS =
      List.of(
          "/api/v1/insights?" + PERIOD,
          "/api/v1/insights/limits-hit?" + PERIOD,
          "/api/v1/insights/autonomy?format=csv",
          "/api/v1/gaps/groups?" + PERIOD);

  @Test
  void agents_and_senior_agents_are_refused_every_figure() throws Exception {
    for (String role : List.of("agent", "senior_agent")) {
      String token = token("not-a-boss-" + role, role);
      for (String path : PATHS) {
        HttpResponse<String> response = get(path, token, null);
        assertThat(response.statusCode()).as(role + " " + path).isEqualTo(403);
        assertThat(json(response).get("detail").asText()).contains("for supervisors");
      }
    }
  }

  @Test
  void every_figure_in_one_call_with_the_hand_counted_numbers() throws Exception {
    HttpResponse<String> response =
        get("/api/v1/insights?" + PERIOD, token("boss", "supervisor"), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode report = json(response);
    assertThat(report.get("answers").asInt()).isEqualTo(7);
    List<String> ids = new ArrayList<>();
    report.get("figures").forEach(f -> ids.add(f.get("figure").asText()));
    assertThat(ids)
        .containsExactly(
            "answers-by-outcome",
            "decisions-by-kind",
            "autonomy",
            "limits-hit",
            "plays",
            "refusals",
            "unused-plays",
            "review-overdue");
    JsonNode autonomy = report.get("figures").get(2).get("rows");
    assertThat(autonomy.get(0).get("role").asText()).isEqualTo("agent");
    assertThat(autonomy.get(0).get("cases").asInt()).isEqualTo(4);
    assertThat(autonomy.get(0).get("acted_alone").asInt()).isEqualTo(1);
    assertThat(autonomy.get(2).get("share_acted_alone").decimalValue())
        .isEqualByComparingTo("0.400");
    // The caps are the starter pack's: an agent's refund cap is 75, the credit budget 2 / 50.
    JsonNode limits = report.get("figures").get(3).get("rows");
    assertThat(limits.get(0).get("kind").asText()).isEqualTo("refund");
    assertThat(limits.get(0).get("hits").asInt()).isEqualTo(2);
    assertThat(limits.get(0).get("cap_amount").decimalValue()).isEqualByComparingTo("75");
    assertThat(limits.get(0).get("asked_median").decimalValue()).isEqualByComparingTo("105");
    assertThat(limits.get(1).get("cap_count").asInt()).isEqualTo(2);
    // Published plays of the starter pack: none of them was offered in the fixture.
    assertThat(report.get("figures").get(6).get("rows").size())
        .isEqualTo(server.services().advisor().content().playbook().published().size());
  }

  @Test
  void one_figure_as_csv_by_accept_header_or_format_parameter() throws Exception {
    String token = token("boss-csv", "supervisor");
    List<String> expected =
        List.of(
            "day,matched,vague,no_match,total",
            "2026-03-01,3,0,0,3",
            "2026-03-02,2,0,0,2",
            "2026-03-03,0,1,1,2");
    for (HttpResponse<String> response :
        List.of(
            get("/api/v1/insights/answers-by-outcome?" + PERIOD, token, "text/csv"),
            get("/api/v1/insights/answers-by-outcome?format=csv&" + PERIOD, token, null))) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
      assertThat(response.headers().firstValue("content-disposition").orElse(""))
          .contains("answers-by-outcome-2026-03-01-2026-03-03.csv");
      assertThat(response.body().split("\r\n")).containsExactlyElementsOf(expected);
    }
    JsonNode json = json(get("/api/v1/insights/refusals?" + PERIOD, token, null));
    assertThat(json.get("rows").get(0).get("rule").asText()).isEqualTo("days_since_purchase <= 30");
    assertThat(json.get("from").asText()).isEqualTo("2026-03-01");
  }

  @Test
  void the_dashboard_page_is_served_under_a_strict_content_security_policy() throws Exception {
    for (String path :
        List.of("/supervisor/", "/supervisor/supervisor.js", "/supervisor/supervisor.css")) {
      HttpResponse<String> page =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("script-src 'self'", "style-src 'self'", "default-src 'none'");
    }
  }

  @Test
  void a_bad_period_or_figure_is_a_400_naming_the_field() throws Exception {
    String token = token("boss-bad", "supervisor");
    HttpResponse<String> bad = get("/api/v1/insights?from=03/01/2026", token, null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("field").asText()).isEqualTo("from");
    assertThat(json(bad).get("detail").asText()).contains("'03/01/2026' is not a date");
    HttpResponse<String> backwards =
        get("/api/v1/insights/plays?from=2026-03-05&to=2026-03-01", token, null);
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(json(backwards).get("detail").asText()).contains("is after");
    assertThat(get("/api/v1/insights/no-such-figure", token, null).statusCode()).isEqualTo(400);
  }

  @Test
  void the_gaps_queue_groups_gaps_and_answers_marked_wrong_within_the_period() throws Exception {
    HttpResponse<String> response =
        get("/api/v1/gaps/groups?" + PERIOD, token("boss-gaps", "supervisor"), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode queue = json(response);
    assertThat(queue.get("items").asInt()).isEqualTo(4);
    JsonNode groups = queue.get("groups");
    assertThat(groups.get(0).get("count").asInt()).isEqualTo(2);
    assertThat(groups.get(0).get("examples").findValuesAsText("text"))
        .containsExactly(
            "the gift voucher has no money left on it", "gift card balance shows zero, never used");
    assertThat(groups.get(0).get("plays").get(0).get("play_id").asText())
        .isEqualTo("orders.lost-parcel");
    List<String> wrong = new ArrayList<>();
    groups.forEach(
        g -> {
          if (g.get("sources").get("marked_wrong").asInt() > 0) {
            wrong.addAll(g.get("examples").findValuesAsText("text"));
            assertThat(g.get("examples").get(0).get("play_id").asText())
                .isEqualTo("giftcard.balance");
          }
        });
    assertThat(wrong).containsExactly("text a3");
  }
}
