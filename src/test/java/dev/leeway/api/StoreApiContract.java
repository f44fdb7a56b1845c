package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What the server keeps, over a real server and HTTP: answers on record, conversations across a
 * restart, gaps, feedback and the grant ledger; on whichever database a subclass configures.
 */
abstract class StoreApiContract {

  static LeewayServer server;
  static HttpClient http = HttpClient.newHttpClient();
  static ServerConfig config;
  static StoreSettings storeSettings;

  static void start(Path dataDir, StoreSettings settings) throws Exception {
    config =
        ServerConfig.fromEnvironment(
                Map.of(
                    ServerConfig.HOST,
                    "127.0.0.1",
                    ServerConfig.DATA_DIR,
                    dataDir.toString(),
                    ServerConfig.BURST,
                    "100"))
            .withPort(0);
    storeSettings = settings;
    server = SharedBuildCache.around(dataDir, () -> LeewayServer.start(config, settings));
  }

  static void restart() throws Exception {
    server.close();
    server = LeewayServer.start(config, storeSettings);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  static String token(String user, String role) {
    return server.services().tokens().issue(user, role, Instant.now());
  }

  static HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.json().readTree(response.body());
  }

  static String body(Object... keyValues) throws IOException {
    return ChatApiTest.body(keyValues);
  }

  static final String POINTS = "points from my last order havent shown up";
  static final Map<String, Object> POINTS_FACTS =
      Map.of("points_value", 10, "days_since_purchase", 40, "membership_tier", "silver");

  @Test
  void a_suggestion_is_on_record_with_its_text_redacted() throws Exception {
    String token = token("record-user", "agent");
    String text =
        "double charged on card 4111 1111 1111 1111, she wrote from ana@example.com, call +44 20 7946 0958";
    JsonNode answer =
        json(send("POST", "/api/v1/suggest", token, body("text", text, "customer_id", "cust-rec")));
    String id = answer.get("answer_id").asText();

    HttpResponse<String> stored = send("GET", "/api/v1/answers/" + id, token, null);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    JsonNode record = json(stored);
    assertThat(record.get("text").asText())
        .isEqualTo("double charged on card [card], she wrote from [email], call [phone]");
    assertThat(record.get("user").asText()).isEqualTo("record-user");
    assertThat(record.get("role").asText()).isEqualTo("agent");
    assertThat(record.get("customer_id").asText()).isEqualTo("cust-rec");
    assertThat(record.get("content_version").asText())
        .isEqualTo(answer.get("content_version").asText());
    assertThat(record.get("answer").get("plays")).isEqualTo(answer.get("plays"));
    assertThat(record.get("answer").findValues("trace")).isNotEmpty();

    assertThat(
            send("GET", "/api/v1/answers/" + id, token("someone-else", "agent"), null).statusCode())
        .isEqualTo(404);
    assertThat(
            send("GET", "/api/v1/answers/" + id, token("record-boss", "supervisor"), null)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void a_no_match_from_suggest_is_a_gap_in_the_store_redacted() throws Exception {
    String token = token("gap-suggest", "agent");
    send(
        "POST",
        "/api/v1/suggest",
        token,
        body("text", "what is the weather like in leeds tomorrow, mail me at bob@example.org"));
    JsonNode gaps = json(send("GET", "/api/v1/gaps", token("gap-reader", "supervisor"), null));
    assertThat(gaps.get("gaps").findValuesAsText("text"))
        .contains("what is the weather like in leeds tomorrow, mail me at [email]");
    assertThat(gaps.get("total").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void feedback_is_one_verdict_per_subject_and_can_be_changed() throws Exception {
    String token = token("verdict-user", "agent");
    JsonNode answer =
        json(send("POST", "/api/v1/suggest", token, body("text", POINTS, "facts", POINTS_FACTS)));
    String id = answer.get("answer_id").asText();
    String play = answer.get("plays").get(0).get("play_id").asText();
    assertThat(
            send(
                    "POST",
                    "/api/v1/feedback",
                    token,
                    body("answer_id", id, "play_id", play, "verdict", "helpful"))
                .statusCode())
        .isEqualTo(202);
    assertThat(
            send(
                    "POST",
                    "/api/v1/feedback",
                    token,
                    body("answer_id", id, "play_id", play, "verdict", "wrong"))
                .statusCode())
        .isEqualTo(202);
    JsonNode record = json(send("GET", "/api/v1/answers/" + id, token, null));
    assertThat(record.get("feedback")).hasSize(1);
    assertThat(record.get("feedback").get(0).get("verdict").asText()).isEqualTo("wrong");
  }

  @Test
  void budget_usage_comes_from_the_ledger_once_an_action_is_marked_used() throws Exception {
    String token = token("ledger-user", "agent");
    JsonNode first =
        json(
            send(
                "POST",
                "/api/v1/suggest",
                token,
                body("text", POINTS, "facts", POINTS_FACTS, "customer_id", "cust-ledger")));
    assertThat(fact(first, "customer_credit_count")).isEqualTo("0");
    JsonNode action = first.get("plays").get(0).get("actions").get(0);
    assertThat(action.get("decision").asText()).isEqualTo("CAN_DO");

    HttpResponse<String> used =
        send(
            "POST",
            "/api/v1/feedback",
            token,
            body(
                "answer_id",
                first.get("answer_id").asText(),
                "play_id",
                "account.loyalty-points-missing",
                "action_id",
                "add-missing-points",
                "verdict",
                "used",
                "amount",
                20));
    assertThat(used.statusCode()).as(used.body()).isEqualTo(202);

    JsonNode second =
        json(
            send(
                "POST",
                "/api/v1/suggest",
                token,
                body("text", POINTS, "facts", POINTS_FACTS, "customer_id", "cust-ledger")));
    assertThat(fact(second, "customer_credit_count")).isEqualTo("1");
    assertThat(fact(second, "customer_credit_total")).isEqualTo("20");
    // What the helpdesk sends still wins.
    Map<String, Object> sent = new java.util.HashMap<>(POINTS_FACTS);
    sent.put("customer_credit_count", 0);
    JsonNode third =
        json(
            send(
                "POST",
                "/api/v1/suggest",
                token,
                body("text", POINTS, "facts", sent, "customer_id", "cust-ledger")));
    assertThat(fact(third, "customer_credit_count")).isEqualTo("0");
  }

  @Test
  void agents_racing_for_the_last_of_a_customers_budget_cannot_both_use_it() throws Exception {
    // The agent's per-customer credit budget is 2 a year: one used, one left, six agents want it.
    String customer = "cust-race-" + System.nanoTime();
    String seedToken = token("race-seed", "agent");
    JsonNode seed =
        json(
            send(
                "POST",
                "/api/v1/suggest",
                seedToken,
                body("text", POINTS, "facts", POINTS_FACTS, "customer_id", customer)));
    assertThat(send("POST", "/api/v1/feedback", seedToken, usedBody(seed, 5)).statusCode())
        .isEqualTo(202);

    List<String> tokens = new ArrayList<>();
    List<JsonNode> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String t = token("racer-" + i, "agent");
      tokens.add(t);
      answers.add(
          json(
              send(
                  "POST",
                  "/api/v1/suggest",
                  t,
                  body("text", POINTS, "facts", POINTS_FACTS, "customer_id", customer))));
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> tries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      tries.add(
          pool.submit(
              () -> {
                go.await();
                return send("POST", "/api/v1/feedback", tokens.get(n), usedBody(answers.get(n), 5));
              }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (Future<HttpResponse<String>> t : tries) {
      HttpResponse<String> r = t.get();
      statuses.add(r.statusCode());
      if (r.statusCode() == 409) {
        refusals.add(json(r).get("detail").asText());
      }
    }
    pool.shutdown();
    assertThat(statuses).containsOnly(202, 409).filteredOn(s -> s == 202).hasSize(1);
    assertThat(refusals)
        .hasSize(5)
        .allSatisfy(
            d -> assertThat(d).contains("per_customer budget for credit (agent)", "2 of 2"));
  }

  static String usedBody(JsonNode answer, int amount) throws IOException {
    return body(
        "answer_id",
        answer.get("answer_id").asText(),
        "play_id",
        "account.loyalty-points-missing",
        "action_id",
        "add-missing-points",
        "verdict",
        "used",
        "amount",
        amount);
  }

  static String fact(JsonNode answer, String name) {
    for (JsonNode f : answer.get("facts")) {
      if (f.get("name").asText().equals(name)) {
        return f.get("value").asText();
      }
    }
    return null;
  }

  @Test
  void a_conversation_keeps_its_cases_after_a_restart() throws Exception {
    String token = token("cases-restart", "agent");
    String id = json(send("POST", "/api/v1/conversations", token, "{}")).get("id").asText();
    String messages = "/api/v1/conversations/" + id + "/messages";
    send("POST", messages, token, body("text", "mixer arrived broken, she paid £89"));
    send("POST", messages, token, body("text", "next one: card declined"));
    assertThat(send("POST", "/api/v1/conversations/" + id + "/cases", token, null).statusCode())
        .isEqualTo(201);
    send("POST", messages, token, body("text", "parcel went to the wrong address"));
    HttpResponse<String> opened =
        send("POST", "/api/v1/conversations/" + id + "/cases", token, null);
    assertThat(json(opened).get("case").asInt()).isEqualTo(4);
    JsonNode before = json(send("GET", "/api/v1/conversations/" + id, token, null));

    restart();

    JsonNode after = json(send("GET", "/api/v1/conversations/" + id, token, null));
    assertThat(after.get("case").asInt()).isEqualTo(4);
    // Times are kept to the millisecond, and a case opened before its first turn is dated by that
    // turn once rebuilt: compare what each case is about.
    assertThat(after.get("cases").findValuesAsText("number"))
        .isEqualTo(before.get("cases").findValuesAsText("number"));
    assertThat(after.get("cases").findValuesAsText("play_id"))
        .isEqualTo(before.get("cases").findValuesAsText("play_id"))
        .containsExactly("orders.damaged-item", "cards.card-declined", "shipping.wrong-address");
    assertThat(after.get("facts")).isEmpty();
    java.util.List<Integer> turnCases = new java.util.ArrayList<>();
    after.get("turns").forEach(t -> turnCases.add(t.get("case").asInt()));
    assertThat(turnCases).containsExactly(1, 2, 3);
    JsonNode next = json(send("POST", messages, token, body("text", "card declined")));
    assertThat(next.get("case").asInt()).isEqualTo(4);
    assertThat(next.toString()).doesNotContain("£89");
  }

  @Test
  void a_conversation_goes_on_after_a_restart_over_rest_and_the_websocket() throws Exception {
    String token = token("restart-user", "agent");
    String id =
        json(send("POST", "/api/v1/conversations", token, body("customer_id", "cust-conv")))
            .get("id")
            .asText();
    JsonNode first =
        json(
            send(
                "POST",
                "/api/v1/conversations/" + id + "/messages",
                token,
                body("text", "kettle arrived smashed yesterday, she paid $40")));
    assertThat(first.get("follow_up").get("fact").asText()).isEqualTo("has_photo");
    String wsId = json(send("POST", "/api/v1/conversations", token, "{}")).get("id").asText();
    send(
        "POST",
        "/api/v1/conversations/" + wsId + "/messages",
        token,
        body("text", "kettle arrived smashed yesterday, she paid $40"));

    restart();

    JsonNode transcript = json(send("GET", "/api/v1/conversations/" + id, token, null));
    assertThat(transcript.get("turns")).hasSize(1);
    assertThat(transcript.get("customer_id").asText()).isEqualTo("cust-conv");
    assertThat(transcript.get("pending").get("fact").asText()).isEqualTo("has_photo");
    JsonNode second =
        json(send("POST", "/api/v1/conversations/" + id + "/messages", token, body("text", "yes")));
    assertThat(second.get("turn").asInt()).isEqualTo(2);
    assertThat(second.get("answer").get("plays").get(0).get("actions").findValuesAsText("decision"))
        .contains("CAN_DO");
    assertThat(
            send("GET", "/api/v1/conversations/" + id, token("not-the-owner", "agent"), null)
                .statusCode())
        .isEqualTo(404);
    HttpResponse<String> turnAnswer = send("GET", "/api/v1/answers/" + id + ".1", token, null);
    assertThat(turnAnswer.statusCode()).as(turnAnswer.body()).isEqualTo(200);
    assertThat(json(turnAnswer).get("conversation_id").asText()).isEqualTo(id);

    java.util.concurrent.LinkedBlockingQueue<JsonNode> frames =
        new java.util.concurrent.LinkedBlockingQueue<>();
    java.net.http.WebSocket socket =
        http.newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .buildAsync(
                URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/ws"),
                new java.net.http.WebSocket.Listener() {
                  final StringBuilder partial = new StringBuilder();

                  @Override
                  public java.util.concurrent.CompletionStage<?> onText(
                      java.net.http.WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      try {
                        frames.add(Json.json().readTree(partial.toString()));
                      } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
    socket.sendText("{\"type\": \"resume\", \"conversation_id\": \"" + wsId + "\"}", true).join();
    JsonNode resumed = frames.poll(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(resumed.get("type").asText()).as(resumed.toString()).isEqualTo("ready");
    assertThat(resumed.get("conversation").get("turns")).hasSize(1);
    socket.sendText("{\"type\": \"message\", \"text\": \"yes\"}", true).join();
    assertThat(
            frames.poll(30, java.util.concurrent.TimeUnit.SECONDS).get("reply").get("turn").asInt())
        .isEqualTo(2);
    socket.abort();
  }
}
