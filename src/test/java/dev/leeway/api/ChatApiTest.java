package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.auth.TokenStore;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import dev.leeway.store.StoreSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations, suggestions, feedback, tokens and limits over a real server and real HTTP and
 * WebSocket clients. Each test signs in as its own user, so rate limits do not leak between tests.
 */
class ChatApiTest {

  @TempDir static Path dataDir;

  static LeewayServer server;
  static HttpClient http;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(
                    ServerConfig.HOST, "127.0.0.1",
                    ServerConfig.DATA_DIR, dataDir.toString(),
                    ServerConfig.RATE, "5",
                    ServerConfig.BURST, "20"))
            .withPort(0);
    server = SharedBuildCache.around(dataDir, () -> LeewayServer.start(config));
    http = HttpClient.newHttpClient();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (http != null) {
      http.close();
    }
  }

  /**
   * Issued through the server's own store, so it is valid at once (the CLI's take up to a second).
   */
  static String token(String user, String role) {
    return server.services().tokens().issue(user, role, Instant.now());
  }

  static HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
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
    var node = Json.json().createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.set((String) keyValues[i], Json.json().valueToTree(keyValues[i + 1]));
    }
    return Json.json().writeValueAsString(node);
  }

  @Test
  void a_conversation_answers_asks_one_question_and_uses_the_answer() throws Exception {
    String token = token("conv-user", "agent");
    HttpResponse<String> created = send("POST", "/api/v1/conversations", token, "{}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).get("id").asText();

    JsonNode first =
        json(
            send(
                "POST",
                "/api/v1/conversations/" + id + "/messages",
                token,
                body("text", "kettle arrived smashed yesterday, she paid $40")));
    assertThat(first.get("kind").asText()).isEqualTo("answer");
    assertThat(first.get("answer").get("plays").get(0).get("play_id").asText())
        .isEqualTo("orders.damaged-item");
    assertThat(first.get("follow_up").get("type").asText()).isEqualTo("ask_fact");
    assertThat(first.get("follow_up").get("fact").asText()).isEqualTo("has_photo");

    JsonNode second =
        json(send("POST", "/api/v1/conversations/" + id + "/messages", token, body("text", "yes")));
    assertThat(second.get("turn").asInt()).isEqualTo(2);
    assertThat(second.get("answer").get("plays").get(0).get("actions").findValuesAsText("decision"))
        .contains("CAN_DO");

    JsonNode transcript = json(send("GET", "/api/v1/conversations/" + id, token, null));
    assertThat(transcript.get("turns")).hasSize(2);
    assertThat(transcript.get("facts").findValuesAsText("name")).contains("has_photo", "amount");
  }

  @Test
  void context_facts_override_the_text_and_bad_ones_are_named() throws Exception {
    String token = token("facts-user", "agent");
    String id = json(send("POST", "/api/v1/conversations", token, "{}")).get("id").asText();

    JsonNode reply =
        json(
            send(
                "POST",
                "/api/v1/conversations/" + id + "/messages",
                token,
                body(
                    "text",
                    "gold member, kettle arrived smashed, paid $40",
                    "facts",
                    Map.of("membership_tier", "silver"))));
    JsonNode tier = null;
    for (JsonNode fact : reply.get("answer").get("facts")) {
      if (fact.get("name").asText().equals("membership_tier")) {
        tier = fact;
      }
    }
    assertThat(tier).isNotNull();
    assertThat(tier.get("value").asText()).isEqualTo("silver");
    assertThat(tier.get("source").get("type").asText()).isEqualTo("context");

    HttpResponse<String> bad =
        send(
            "POST",
            "/api/v1/conversations/" + id + "/messages",
            token,
            body("text", "refund", "facts", Map.of("order_total", "lots")));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("field").asText()).isEqualTo("facts");
    assertThat(json(bad).get("detail").asText()).contains("order_total: 'lots' is not an amount");
  }

  @Test
  void suggest_gives_the_ask_answer_and_feedback_is_checked_against_it() throws Exception {
    String token = token("suggest-user", "agent");
    HttpResponse<String> response =
        send(
            "POST",
            "/api/v1/suggest",
            token,
            body(
                "text",
                "order still says awaiting stock after 3 weeks, order was $80",
                "facts",
                Map.of("membership_tier", "gold")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = json(response);
    assertThat(answer.get("outcome").asText()).isEqualTo("matched");
    JsonNode play = answer.get("plays").get(0);
    assertThat(play.get("play_id").asText()).isEqualTo("orders.backorder-delay");
    JsonNode refund = play.get("actions").get(0);
    assertThat(refund.get("decision").asText()).isEqualTo("NEEDS_APPROVAL");
    assertThat(refund.get("approver").asText()).isEqualTo("senior_agent");
    assertThat(refund.get("trace").get("checks")).isNotEmpty();

    String answerId = answer.get("answer_id").asText();
    HttpResponse<String> used =
        send(
            "POST",
            "/api/v1/feedback",
            token,
            body(
                "answer_id",
                answerId,
                "play_id",
                "orders.backorder-delay",
                "action_id",
                "cancel-and-refund",
                "verdict",
                "used"));
    assertThat(used.statusCode()).as(used.body()).isEqualTo(202);

    HttpResponse<String> wrongPlay =
        send(
            "POST",
            "/api/v1/feedback",
            token,
            body(
                "answer_id",
                answerId,
                "play_id",
                "billing.cancel-subscription",
                "verdict",
                "wrong"));
    assertThat(wrongPlay.statusCode()).isEqualTo(400);
    assertThat(json(wrongPlay).get("field").asText()).isEqualTo("play_id");

    HttpResponse<String> someoneElse =
        send(
            "POST",
            "/api/v1/feedback",
            token("other-user", "agent"),
            body("answer_id", answerId, "verdict", "helpful"));
    assertThat(someoneElse.statusCode()).isEqualTo(404);

    HttpResponse<String> badVerdict =
        send("POST", "/api/v1/feedback", token, body("answer_id", answerId, "verdict", "meh"));
    assertThat(badVerdict.statusCode()).isEqualTo(400);
    assertThat(json(badVerdict).get("field").asText()).isEqualTo("verdict");
  }

  @Test
  void suggest_may_ask_as_a_role_the_token_approves_for_but_not_above_it() throws Exception {
    String supervisor = token("boss", "supervisor");
    String agent = token("junior", "agent");
    String text = "order still says awaiting stock after 3 weeks, order was $80";

    assertThat(
            send("POST", "/api/v1/suggest", supervisor, body("text", text, "role", "agent"))
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> above =
        send("POST", "/api/v1/suggest", agent, body("text", text, "role", "supervisor"));
    assertThat(above.statusCode()).isEqualTo(403);
    assertThat(json(above).get("field").asText()).isEqualTo("role");
  }

  @Test
  void missing_wrong_and_revoked_tokens_get_401_without_the_token_in_the_answer() throws Exception {
    assertThat(send("POST", "/api/v1/conversations", null, "{}").statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = send("POST", "/api/v1/conversations", "lw_not-a-real-token", "{}");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(wrong.body()).doesNotContain("lw_not-a-real-token");

    String token = token("leaver", "agent");
    assertThat(send("POST", "/api/v1/conversations", token, "{}").statusCode()).isEqualTo(201);
    // As the CLI would, from another process: its own connection to the store.
    TokenStore.using(StoreSettings.embedded(dataDir), t -> t.revoke("leaver", Instant.now()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int status;
    do {
      Thread.sleep(200); // the server looks for token changes every second
      status = send("POST", "/api/v1/conversations", token, "{}").statusCode();
    } while (status != 401 && System.nanoTime() < deadline);
    assertThat(status).isEqualTo(401);
  }

  @Test
  void conversations_belong_to_their_user() throws Exception {
    String owner = token("owner", "agent");
    String id = json(send("POST", "/api/v1/conversations", owner, "{}")).get("id").asText();

    HttpResponse<String> stranger =
        send("GET", "/api/v1/conversations/" + id, token("stranger", "agent"), null);
    assertThat(stranger.statusCode()).isEqualTo(404);
  }

  @Test
  void a_burst_over_the_rate_limit_gets_429_with_retry_after() throws Exception {
    String token = token("hasty", "agent");
    HttpResponse<String> limited = null;
    for (int i = 0; i < 60 && limited == null; i++) {
      HttpResponse<String> response = send("GET", "/api/v1/conversations/none", token, null);
      if (response.statusCode() == 429) {
        limited = response;
      }
    }
    assertThat(limited).as("a 429 within 60 rapid requests at 5/s with a burst of 20").isNotNull();
    assertThat(limited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(json(limited).get("status").asInt()).isEqualTo(429);
  }

  @Test
  void gaps_are_for_the_top_role_only() throws Exception {
    String agent = token("gap-agent", "agent");
    String id = json(send("POST", "/api/v1/conversations", agent, "{}")).get("id").asText();
    send(
        "POST",
        "/api/v1/conversations/" + id + "/messages",
        agent,
        body("text", "what is the weather like in leeds tomorrow"));

    assertThat(send("GET", "/api/v1/gaps", agent, null).statusCode()).isEqualTo(403);
    JsonNode gaps = json(send("GET", "/api/v1/gaps", token("gap-boss", "supervisor"), null));
    assertThat(gaps.get("gaps").findValuesAsText("text"))
        .contains("what is the weather like in leeds tomorrow");
  }

  @Test
  void the_audit_log_shows_token_changes_and_sign_ins_to_supervisors_only() throws Exception {
    String agent = token("audit-agent", "agent");
    for (int i = 0; i < 3; i++) {
      assertThat(send("GET", "/api/v1/conversations/none", agent, null).statusCode())
          .isEqualTo(404);
    }
    HttpResponse<String> refused = send("GET", "/api/v1/audit", agent, null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).get("detail").asText()).contains("supervisors");

    String boss = token("audit-boss", "supervisor");
    JsonNode mine;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    do {
      // A sign-in is recorded with the store's next batch, not waited for.
      mine = json(send("GET", "/api/v1/audit?actor=audit-agent&action=sign_in", boss, null));
      Thread.sleep(mine.get("entries").isEmpty() ? 200 : 0);
    } while (mine.get("entries").isEmpty() && System.nanoTime() < deadline);
    assertThat(mine.get("entries")).as("one sign-in for four API calls").hasSize(1);
    JsonNode signIn = mine.get("entries").get(0);
    assertThat(signIn.get("subject").asText()).isEqualTo("audit-agent");
    assertThat(signIn.get("detail").asText()).contains("first API call").contains("role agent");

    JsonNode issued = json(send("GET", "/api/v1/audit?action=token_issued&limit=1000", boss, null));
    assertThat(issued.get("entries").findValuesAsText("subject"))
        .contains("audit-agent", "audit-boss");
    assertThat(issued.get("total").asLong()).isGreaterThanOrEqualTo(issued.get("entries").size());
    List<Long> seqs =
        issued.get("entries").findValues("seq").stream().map(JsonNode::asLong).toList();
    assertThat(seqs).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());

    HttpResponse<String> badAction = send("GET", "/api/v1/audit?action=deleted", boss, null);
    assertThat(badAction.statusCode()).isEqualTo(400);
    assertThat(badAction.body()).contains("action");
    assertThat(send("GET", "/api/v1/audit?limit=0", boss, null).statusCode()).isEqualTo(400);
  }

  @Test
  void a_store_that_refuses_a_write_gets_503_saying_nothing_was_kept() throws Exception {
    String token = token("store-down", "agent");
    String url = "jdbc:sqlite:" + dataDir.resolve(StoreSettings.FILE_NAME);
    try (var other = java.sql.DriverManager.getConnection(url);
        var s = other.createStatement()) {
      s.execute("ALTER TABLE conversations RENAME TO conversations_elsewhere");
      try {
        HttpResponse<String> refused = send("POST", "/api/v1/conversations", token, "{}");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = json(refused);
        assertThat(problem.get("detail").asText()).contains("nothing of it was kept");
        assertThat(refused.body()).doesNotContain(dataDir.toString()).doesNotContain("SQLITE");
      } finally {
        s.execute("ALTER TABLE conversations_elsewhere RENAME TO conversations");
      }
    }
    assertThat(send("POST", "/api/v1/conversations", token, "{}").statusCode()).isEqualTo(201);
  }

  @Test
  void the_openapi_description_and_metrics_are_served() throws Exception {
    HttpResponse<String> openapi = send("GET", "/api/v1/openapi.yaml", null, null);
    assertThat(openapi.statusCode()).isEqualTo(200);
    assertThat(openapi.body()).startsWith("openapi: 3.1.0").contains("application/problem+json");

    String token = token("metrics-user", "agent");
    send("POST", "/api/v1/suggest", token, body("text", "my card was stolen, please block it"));
    HttpResponse<String> metrics = send("GET", "/metrics", null, null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("leeway_answers_total")
        .contains("leeway_decisions_total")
        .contains("vertx_http_server_requests_total");
  }

  @Test
  void the_chat_page_is_served_at_the_root() throws Exception {
    HttpResponse<String> page = send("GET", "/", null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Leeway — agent chat</title>");
    assertThat(send("GET", "/app.js", null, null).statusCode()).isEqualTo(200);
  }

  // ---- WebSocket ----

  /** A WebSocket client that queues the server's frames as JSON. */
  static final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    static Client connect(String token) throws Exception {
      Client client = new Client();
      WebSocket.Builder builder = http.newWebSocketBuilder();
      if (token != null) {
        builder.header("Authorization", "Bearer " + token);
      }
      client.socket =
          builder
              .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/ws"), client)
              .get(10, TimeUnit.SECONDS);
      return client;
    }

    void send(String json) {
      socket.sendText(json, true).join();
    }

    JsonNode next() throws Exception {
      JsonNode frame = frames.poll(30, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 30 s").isNotNull();
      return frame;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(Json.json().readTree(partial.toString()));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }
  }

  @Test
  void a_websocket_conversation_answers_and_resumes_after_a_reconnect() throws Exception {
    String token = token("ws-user", "agent");
    Client client = Client.connect(token);
    client.send("{\"type\": \"start\"}");
    JsonNode ready = client.next();
    assertThat(ready.get("type").asText()).isEqualTo("ready");
    String id = ready.get("conversation").get("id").asText();

    client.send(
        "{\"type\": \"message\", \"text\": \"kettle arrived smashed yesterday, she paid $40\"}");
    JsonNode reply = client.next();
    assertThat(reply.get("type").asText()).isEqualTo("reply");
    assertThat(reply.get("reply").get("answer").get("plays").get(0).get("play_id").asText())
        .isEqualTo("orders.damaged-item");

    client.send("{\"type\": \"ping\"}");
    assertThat(client.next().get("type").asText()).isEqualTo("pong");
    client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

    Client again = Client.connect(null);
    again.send("{\"type\": \"auth\", \"token\": \"" + token + "\"}");
    assertThat(again.next().get("type").asText()).isEqualTo("authenticated");
    again.send("{\"type\": \"resume\", \"conversation_id\": \"" + id + "\"}");
    JsonNode resumed = again.next();
    assertThat(resumed.get("type").asText()).isEqualTo("ready");
    assertThat(resumed.get("conversation").get("turns")).hasSize(1);
    again.send("{\"type\": \"message\", \"text\": \"yes\"}");
    assertThat(again.next().get("reply").get("turn").asInt()).isEqualTo(2);
  }

  @Test
  void websocket_errors_name_the_problem_and_the_socket_keeps_serving() throws Exception {
    Client client = Client.connect(token("ws-errors", "agent"));

    client.send("{not json");
    assertThat(client.next().get("problem").get("status").asInt()).isEqualTo(400);
    client.send("{\"type\": \"dance\"}");
    assertThat(client.next().get("problem").get("detail").asText())
        .contains("unknown type 'dance'");
    client.send("{\"type\": \"message\", \"text\": \"hello\"}");
    assertThat(client.next().get("problem").get("status").asInt()).isEqualTo(409);
    client.send("{\"type\": \"start\"}");
    assertThat(client.next().get("type").asText()).isEqualTo("ready");
    client.send("{\"type\": \"message\", \"text\": \"" + "x".repeat(4001) + "\"}");
    assertThat(client.next().get("problem").get("status").asInt()).isEqualTo(413);
    client.send("{\"type\": \"ping\"}");
    assertThat(client.next().get("type").asText()).isEqualTo("pong");
  }

  @Test
  void a_websocket_with_a_bad_token_is_refused_and_closed() throws Exception {
    Client client = Client.connect(null);
    client.send("{\"type\": \"auth\", \"token\": \"lw_wrong\"}");
    assertThat(client.next().get("problem").get("status").asInt()).isEqualTo(401);
    assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
  }
}
