package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.auth.TokenStore;
import dev.leeway.config.Protection;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import dev.leeway.store.StoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or careless client can do to the server, and what it gets instead: sessions that
 * follow their token, numbers with bounds, atomic turns, limits on sockets and frames, timeouts for
 * slow clients, fair use per token, security headers, and errors that are always problem+json. One
 * server with short timeouts and small limits; each test has its own user.
 */
class HardeningTest {

  @TempDir static Path dataDir;

  static LeewayServer server;
  static HttpClient http;
  static String base;
  static final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  static final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  // Held in fields: JUL keeps loggers weakly.
  static final Logger SOCKET_LOG = Logger.getLogger(ChatSocket.class.getName());
  static final Logger TOKEN_LOG = Logger.getLogger(TokenStore.class.getName());
  static final Logger PROBLEM_LOG = Logger.getLogger(ProblemResponses.class.getName());

  @BeforeAll
  static void start() throws Exception {
    SOCKET_LOG.addHandler(capture);
    TOKEN_LOG.addHandler(capture);
    PROBLEM_LOG.addHandler(capture);
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(
                    ServerConfig.HOST, "127.0.0.1",
                    ServerConfig.DATA_DIR, dataDir.toString(),
                    ServerConfig.RATE, "50",
                    ServerConfig.BURST, "100"))
            .withPort(0);
    Protection protection =
        Protection.defaults()
            .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1))
            .withAnonymousSockets(3, 4096)
            .withFairUse(2, 1000)
            .withAllowedOrigins(List.of("https://helpdesk.example.com"));
    server = SharedBuildCache.around(dataDir, () -> LeewayServer.start(config, protection));
    http = HttpClient.newHttpClient();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    SOCKET_LOG.removeHandler(capture);
    TOKEN_LOG.removeHandler(capture);
    PROBLEM_LOG.removeHandler(capture);
    if (server != null) {
      server.close();
    }
    if (http != null) {
      http.close();
    }
  }

  static String token(String user, String role) {
    return server.services().tokens().issue(user, role, Instant.now());
  }

  static HttpResponse<String> send(
      String method, String path, String token, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String token, String body)
      throws IOException, InterruptedException {
    return send("POST", path, token, "application/json", body);
  }

  static JsonNode problem(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(response.body()).doesNotContain("\tat ").doesNotContain("Exception");
    return Json.json().readTree(response.body());
  }

  /** A WebSocket client that queues the server's frames as JSON. */
  static final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    static Client connect(String token) throws Exception {
      return connect(token, null);
    }

    static Client connect(String token, String origin) throws Exception {
      Client client = new Client();
      WebSocket.Builder builder = http.newWebSocketBuilder();
      if (token != null) {
        builder.header("Authorization", "Bearer " + token);
      }
      if (origin != null) {
        builder.header("Origin", origin);
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
      closed.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("error " + error);
    }
  }

  // ---- sessions follow their token ----

  @Test
  void revoking_a_token_closes_its_open_sockets_within_a_second() throws Exception {
    String token = token("ws-revoked", "agent");
    Client client = Client.connect(token);
    client.send("{\"type\": \"start\"}");
    assertThat(client.next().get("type").asText()).isEqualTo("ready");

    long revoked = System.nanoTime();
    server.services().tokens().revoke("ws-revoked", Instant.now());
    String closed = client.closed.get(5, TimeUnit.SECONDS);
    assertThat(closed).startsWith("1008").contains("revoked");
    assertThat((System.nanoTime() - revoked) / 1_000_000).isLessThan(1000);
  }

  @Test
  void a_role_changed_by_another_process_closes_the_users_sockets() throws Exception {
    String token = token("ws-promoted", "agent");
    Client client = Client.connect(null);
    client.send("{\"type\": \"auth\", \"token\": \"" + token + "\"}");
    assertThat(client.next().get("type").asText()).isEqualTo("authenticated");

    // The token command, with its own connection to the store; the server looks every second.
    TokenStore.using(
        StoreSettings.embedded(dataDir),
        t -> t.changeRole("cli:test", "ws-promoted", "senior_agent", Instant.now()));

    assertThat(client.closed.get(5, TimeUnit.SECONDS)).startsWith("1008").contains("role changed");
  }

  @Test
  void a_signed_in_socket_refuses_a_second_auth_and_keeps_its_user() throws Exception {
    String mine = token("ws-first", "agent");
    String other = token("ws-second", "supervisor");
    Client client = Client.connect(mine);
    client.send("{\"type\": \"start\"}");
    String id = client.next().get("conversation").get("id").asText();

    client.send("{\"type\": \"auth\", \"token\": \"" + other + "\"}");
    JsonNode refused = client.next();
    assertThat(refused.get("type").asText()).isEqualTo("error");
    assertThat(refused.get("problem").get("status").asInt()).isEqualTo(409);
    assertThat(refused.get("problem").get("detail").asText())
        .contains("already signed in as ws-first");

    client.send("{\"type\": \"message\", \"text\": \"kettle arrived smashed\"}");
    JsonNode reply = client.next();
    assertThat(reply.get("reply").get("conversation_id").asText()).isEqualTo(id);
    assertThat(reply.get("reply").get("answer").get("role").asText()).isEqualTo("agent");
  }

  // ---- numbers have bounds ----

  @Test
  void whole_numbers_past_their_range_are_refused_naming_the_field_and_the_range()
      throws Exception {
    String token = token("numbers", "agent");
    String huge =
        "{\"text\": \"refund request\", \"facts\": {\"customer_credit_count\": 18446744073709551616}}";
    JsonNode count = problem(post("/api/v1/suggest", token, huge), 400);
    assertThat(count.get("detail").asText())
        .contains("customer_credit_count")
        .contains("from 0 to 1,000,000");

    String days =
        "{\"text\": \"refund request\", \"facts\": {\"days_since_delivery\": 1000000000000000000000000000000}}";
    JsonNode tooLong = problem(post("/api/v1/suggest", token, days), 400);
    assertThat(tooLong.get("detail").asText())
        .contains("days_since_delivery")
        .contains("from 0 to 36,500");

    String money = "{\"text\": \"refund request\", \"facts\": {\"order_total\": 1e308}}";
    assertThat(problem(post("/api/v1/suggest", token, money), 400).get("detail").asText())
        .contains("order_total")
        .contains("from 0 to 1,000,000,000");
    String cents = "{\"text\": \"refund request\", \"facts\": {\"order_total\": 10.001}}";
    assertThat(problem(post("/api/v1/suggest", token, cents), 400).get("detail").asText())
        .contains("at most 2 decimals");

    String ancient = "{\"text\": \"refund request\", \"today\": \"0000-01-01\"}";
    JsonNode today = problem(post("/api/v1/suggest", token, ancient), 400);
    assertThat(today.get("field").asText()).isEqualTo("today");
    assertThat(today.get("detail").asText()).contains("2000-01-01");

    String fine =
        "{\"text\": \"refund request\", \"facts\": {\"customer_credit_count\": 1000000, \"order_total\": 1000000000}}";
    assertThat(post("/api/v1/suggest", token, fine).statusCode()).isEqualTo(200);
  }

  @Test
  void websocket_facts_share_the_same_bounds() throws Exception {
    Client client = Client.connect(token("ws-numbers", "agent"));
    client.send("{\"type\": \"start\"}");
    client.next();
    client.send(
        "{\"type\": \"message\", \"text\": \"refund\", \"facts\": {\"customer_credit_count\": 18446744073709551616}}");
    JsonNode error = client.next();
    assertThat(error.get("problem").get("status").asInt()).isEqualTo(400);
    assertThat(error.get("problem").get("detail").asText())
        .contains("customer_credit_count")
        .contains("1,000,000");
  }

  // ---- atomic turns ----

  @Test
  void parallel_messages_on_one_conversation_get_distinct_turns_and_answer_ids() throws Exception {
    // Two users, so fair use (two answers at once per token) lets each send its share at once.
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    String token = token("turns", "agent");
    JsonNode created = Json.json().readTree(post("/api/v1/conversations", token, "{}").body());
    String id = created.get("id").asText();
    for (int i = 0; i < 8; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/v1/conversations/" + id + "/messages"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"text\": \"kettle arrived smashed, she paid $" + (20 + i) + "\"}"))
              .build();
      sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    Set<Integer> turns = new HashSet<>();
    Set<String> answers = new HashSet<>();
    int answered = 0;
    for (CompletableFuture<HttpResponse<String>> future : sent) {
      HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
      if (response.statusCode() == 200) {
        JsonNode reply = Json.json().readTree(response.body());
        turns.add(reply.get("turn").asInt());
        answers.add(reply.get("answer_id").asText());
        answered++;
      } else {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
      }
    }
    assertThat(answered).isGreaterThanOrEqualTo(2);
    assertThat(turns).hasSize(answered);
    assertThat(answers).hasSize(answered);
  }

  // ---- WebSocket limits ----

  @Test
  void a_message_over_the_limit_closes_the_socket_with_1009_and_is_logged_once() throws Exception {
    Client client = Client.connect(token("ws-huge", "agent"));
    int limit = server.services().limits().maxSocketMessageBytes();
    logged.clear();
    client.socket.sendText("{\"type\": \"ping\", \"pad\": \"" + "x".repeat(limit) + "\"}", true);
    assertThat(client.closed.get(10, TimeUnit.SECONDS)).startsWith("1009");
    Thread.sleep(200);
    assertThat(logged.stream().filter(r -> r.getMessage().contains("1009"))).hasSize(1);
  }

  @Test
  void a_socket_that_has_not_signed_in_may_send_only_a_few_kilobytes() throws Exception {
    Client client = Client.connect(null);
    client.send("{\"type\": \"ping\", \"pad\": \"" + "x".repeat(3000) + "\"}");
    assertThat(client.next().get("type").asText()).isEqualTo("pong");
    client.socket.sendText("{\"type\": \"ping\", \"pad\": \"" + "x".repeat(3000) + "\"}", true);
    assertThat(client.closed.get(10, TimeUnit.SECONDS))
        .startsWith("1008")
        .contains("before signing in");
  }

  @Test
  void only_a_few_sockets_may_wait_to_sign_in_at_once() throws Exception {
    List<Client> waiting = new ArrayList<>();
    try {
      Throwable refused = null;
      for (int i = 0; i < 6 && refused == null; i++) {
        try {
          waiting.add(Client.connect(null));
        } catch (ExecutionException e) {
          refused = e.getCause();
        }
      }
      assertThat(refused).isInstanceOf(WebSocketHandshakeException.class);
      assertThat(((WebSocketHandshakeException) refused).getResponse().statusCode()).isEqualTo(503);
      assertThat(waiting).hasSizeLessThanOrEqualTo(3);
      // A socket with a token is not one of them.
      Client.connect(token("ws-not-waiting", "agent")).send("{\"type\": \"ping\"}");
    } finally {
      for (Client client : waiting) {
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
      }
    }
    Thread.sleep(300);
    Client.connect(null).send("{\"type\": \"ping\"}");
  }

  @Test
  void a_bad_token_on_the_upgrade_is_refused_before_the_upgrade() throws Exception {
    ExecutionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> Client.connect("lw_wrong"));
    assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode())
        .isEqualTo(401);
  }

  @Test
  void a_page_from_another_origin_may_not_open_the_socket() throws Exception {
    String token = token("ws-origin", "agent");
    ExecutionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> Client.connect(token, "https://evil.example.net"));
    assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode())
        .isEqualTo(403);

    Client.connect(token, "http://127.0.0.1:" + server.port()).send("{\"type\": \"ping\"}");
    Client.connect(token, "https://helpdesk.example.com").send("{\"type\": \"ping\"}");
    Client.connect(token, null).send("{\"type\": \"ping\"}");
  }

  // ---- slow clients ----

  @Test
  void half_sent_headers_are_closed_after_the_header_timeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      int read = socket.getInputStream().read();
      assertThat(read).isEqualTo(-1);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
    }
  }

  @Test
  void a_half_sent_body_gets_408_after_the_body_timeout() throws Exception {
    String token = token("slow-body", "agent");
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/suggest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\": ")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json");
    }
  }

  // ---- fair use ----

  @Test
  void a_token_may_have_only_a_few_answers_in_progress_at_once() throws Exception {
    String token = token("greedy", "agent");
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/v1/suggest"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"text\": \"kettle arrived smashed number " + i + "\"}"))
              .build();
      sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> busy = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> future : sent) {
      HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
      if (response.statusCode() == 429) {
        busy.add(response);
      } else {
        assertThat(response.statusCode()).isEqualTo(200);
      }
    }
    assertThat(busy).isNotEmpty();
    assertThat(problem(busy.get(0), 429).get("detail").asText()).contains("answers in progress");
    assertThat(busy.get(0).headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void long_texts_spend_a_per_token_character_budget() throws Exception {
    String token = token("wordy", "agent");
    String text =
        "the kettle arrived smashed and she wants her money back. ".repeat(80).substring(0, 4000);
    String body = Json.json().createObjectNode().put("text", text).toString();
    int refused = 0;
    for (int i = 0; i < 4 && refused == 0; i++) {
      HttpResponse<String> response = post("/api/v1/suggest", token, body);
      if (response.statusCode() == 429) {
        refused++;
        assertThat(problem(response, 429).get("detail").asText()).contains("characters per second");
      } else {
        assertThat(response.statusCode()).isEqualTo(200);
      }
    }
    assertThat(refused).isEqualTo(1);
    // Another token is not held back by this one's spending.
    assertThat(post("/api/v1/suggest", token("frugal", "agent"), body).statusCode()).isEqualTo(200);
  }

  // ---- headers ----

  @Test
  void pages_and_api_answers_carry_security_headers() throws Exception {
    HttpResponse<String> page = send("GET", "/", null, null, null);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'self'"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

    HttpResponse<String> api = send("GET", "/api/v1/gaps", null, null, null);
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(api.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(send("GET", "/health", null, null, null).headers().firstValue("Cache-Control"))
        .hasValue("no-store");
  }

  // ---- every error is problem+json ----

  @Test
  void bad_percent_encoding_and_odd_methods_get_problem_json() throws Exception {
    logged.clear();
    for (String path : List.of("/%", "/%zz", "/api/v1/%zz", "/api/v1/conversations/%")) {
      String raw =
          rawRequest("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertThat(raw)
          .as(path)
          .startsWith("HTTP/1.1 4")
          .contains("application/problem+json")
          .doesNotContain("Exception");
    }
    String odd =
        rawRequest("BREW /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(odd).startsWith("HTTP/1.1 4").contains("application/problem+json");
    // A client's mistake is not the server's error: nothing logged as one, no stack trace.
    assertThat(logged)
        .noneMatch(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue());
  }

  @Test
  void a_client_that_leaves_mid_body_is_not_logged_as_an_internal_error() throws Exception {
    String token = token("leaver", "agent");
    logged.clear();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket
          .getOutputStream()
          .write(
              ("POST /api/v1/suggest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                      + token
                      + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"text\": \"kettle")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      Thread.sleep(300);
    }
    Thread.sleep(1500);
    assertThat(logged)
        .noneMatch(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue());
    assertThat(
            post("/api/v1/suggest", token, "{\"text\": \"kettle arrived smashed\"}").statusCode())
        .isEqualTo(200);
  }

  static String rawRequest(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ---- loose input ----

  @Test
  void json_media_type_is_matched_in_any_case_with_parameters() throws Exception {
    String token = token("media", "agent");
    HttpResponse<String> response =
        send(
            "POST",
            "/api/v1/suggest",
            token,
            "APPLICATION/JSON; charset=utf-8",
            "{\"text\": \"kettle arrived smashed\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void a_form_upload_is_415_not_a_missing_body() throws Exception {
    String token = token("forms", "agent");
    String form = "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nkettle\r\n--b--\r\n";
    JsonNode problem =
        problem(
            send("POST", "/api/v1/suggest", token, "multipart/form-data; boundary=b", form), 415);
    assertThat(problem.get("detail").asText()).contains("multipart/form-data");
  }

  @Test
  void duplicate_keys_and_comments_are_refused() throws Exception {
    String token = token("strict", "agent");
    JsonNode twice =
        problem(
            post("/api/v1/suggest", token, "{\"text\": \"kettle\", \"text\": \"refund\"}"), 400);
    assertThat(twice.get("detail").asText()).contains("duplicate key 'text'");
    JsonNode comment =
        problem(post("/api/v1/suggest", token, "{\"text\": \"kettle\" /* hi */}"), 400);
    assertThat(comment.get("detail").asText()).contains("not valid JSON");
  }

  @Test
  void an_overlong_id_is_400_naming_the_field_and_its_maximum() throws Exception {
    String token = token("long-ids", "agent");
    String id = "a".repeat(3000);
    JsonNode path = problem(send("GET", "/api/v1/conversations/" + id, token, null, null), 400);
    assertThat(path.get("detail").asText()).contains("'id'").contains("64");
    assertThat(path.get("detail").asText()).doesNotContain("body");
    String feedback =
        Json.json().createObjectNode().put("answer_id", id).put("verdict", "used").toString();
    JsonNode field = problem(post("/api/v1/feedback", token, feedback), 400);
    assertThat(field.get("detail").asText()).contains("answer_id").contains("64");
  }
}
