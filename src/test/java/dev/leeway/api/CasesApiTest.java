package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/** Cases in a conversation over a real server, real HTTP and real WebSocket clients. */
class CasesApiTest {

  static final String KETTLE = "kettle arrived smashed yesterday, she paid $40";
  static final String MIXER = "mixer arrived broken, she paid £89";

  @TempDir static Path dataDir;

  static LeewayServer server;
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    server =
        SharedBuildCache.around(
            dataDir,
            () ->
                LeewayServer.start(
                    ServerConfig.fromEnvironment(
                            Map.of(
                                ServerConfig.HOST,
                                "127.0.0.1",
                                ServerConfig.DATA_DIR,
                                dataDir.toString()))
                        .withPort(0)));
    http = HttpClient.newHttpClient();
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

  static String token(String user) {
    return server.services().tokens().issue(user, "agent", Instant.now());
  }

  static HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(60))
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

  static String conversation(String token) throws Exception {
    return json(send("POST", "/api/v1/conversations", token, "{}")).get("id").asText();
  }

  static JsonNode say(String token, String id, Object... body) throws Exception {
    HttpResponse<String> response =
        send("POST", "/api/v1/conversations/" + id + "/messages", token, ChatApiTest.body(body));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  static List<String> facts(JsonNode factList) {
    List<String> all = new ArrayList<>();
    factList.forEach(f -> all.add(f.get("name").asText() + "=" + f.get("value").asText()));
    return all;
  }

  @Test
  void the_cases_endpoint_opens_a_new_case_and_no_fact_is_carried_into_it() throws Exception {
    String token = token("cases-rest");
    String id = conversation(token);
    JsonNode first = say(token, id, "text", MIXER);
    assertThat(first.get("case").asInt()).isEqualTo(1);
    assertThat(first.has("case_started")).isFalse();

    HttpResponse<String> opened =
        send("POST", "/api/v1/conversations/" + id + "/cases", token, null);

    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    assertThat(json(opened).get("conversation_id").asText()).isEqualTo(id);
    assertThat(json(opened).get("case").asInt()).isEqualTo(2);
    JsonNode second = say(token, id, "text", "she was charged twice for her premium subscription");
    assertThat(second.get("case").asInt()).isEqualTo(2);
    assertThat(second.get("answer").get("plays").get(0).get("play_id").asText())
        .isEqualTo("billing.duplicate-subscription-charge");
    assertThat(second.toString()).doesNotContain("£89", "89.00");

    JsonNode transcript = json(send("GET", "/api/v1/conversations/" + id, token, null));
    assertThat(transcript.get("case").asInt()).isEqualTo(2);
    assertThat(facts(transcript.get("facts"))).noneMatch(f -> f.contains("89"));
    assertThat(transcript.get("cases").findValuesAsText("number")).containsExactly("1", "2");
    assertThat(transcript.get("cases").get(0).get("play_id").asText())
        .isEqualTo("orders.damaged-item");
    assertThat(transcript.get("cases").get(1).get("play_id").asText())
        .isEqualTo("billing.duplicate-subscription-charge");
    List<Integer> turnCases = new ArrayList<>();
    transcript.get("turns").forEach(t -> turnCases.add(t.get("case").asInt()));
    assertThat(turnCases).containsExactly(1, 2);
  }

  @Test
  void new_case_on_a_message_opens_a_case_even_when_the_words_would_answer_the_question()
      throws Exception {
    String token = token("cases-flag-answer");
    String id = conversation(token);
    say(token, id, "text", KETTLE, "customer_id", "cust-flag-1");

    JsonNode flagged = say(token, id, "text", "yes", "new_case", true);

    assertThat(flagged.get("case").asInt()).isEqualTo(2);
    assertThat(flagged.get("case_started").asBoolean()).isTrue();
    JsonNode transcript = json(send("GET", "/api/v1/conversations/" + id, token, null));
    assertThat(facts(transcript.get("facts"))).noneMatch(f -> f.startsWith("has_photo="));
  }

  @Test
  void new_case_on_a_message_and_a_cue_in_the_words_each_open_a_case() throws Exception {
    String token = token("cases-flag");
    String id = conversation(token);
    say(token, id, "text", KETTLE);

    JsonNode flagged = say(token, id, "text", "card declined", "new_case", true);
    assertThat(flagged.get("case").asInt()).isEqualTo(2);
    assertThat(flagged.get("case_started").asBoolean()).isTrue();

    JsonNode cued =
        say(token, id, "text", "different customer: parcel says delivered but she never got it");
    assertThat(cued.get("case").asInt()).isEqualTo(3);
    assertThat(cued.get("case_started").asBoolean()).isTrue();
    assertThat(cued.get("answer").get("plays").get(0).get("play_id").asText())
        .isEqualTo("shipping.delivered-not-received");

    HttpResponse<String> bad =
        send(
            "POST",
            "/api/v1/conversations/" + id + "/messages",
            token,
            ChatApiTest.body("text", "refund", "new_case", "yes"));
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void another_situation_while_a_question_waits_opens_a_case_or_asks_if_unsure() throws Exception {
    String token = token("cases-detect");
    String id = conversation(token);
    JsonNode first = say(token, id, "text", KETTLE);
    assertThat(first.get("follow_up").get("fact").asText()).isEqualTo("has_photo");

    JsonNode detected = say(token, id, "text", "parcel went to the wrong address");
    assertThat(detected.get("case").asInt()).isEqualTo(2);
    assertThat(detected.get("case_started").asBoolean()).isTrue();
    assertThat(facts(detected.get("answer").get("facts")))
        .noneMatch(f -> f.startsWith("amount") || f.startsWith("days_since_delivery"));

    String other = conversation(token);
    say(token, other, "text", KETTLE);
    JsonNode unsure = say(token, other, "text", "the kettle she got is the wrong model");
    assertThat(unsure.get("case").asInt()).isEqualTo(1);
    assertThat(unsure.get("kind").asText()).isEqualTo("clarify");
    assertThat(unsure.get("follow_up").get("type").asText()).isEqualTo("confirm_new_case");
    assertThat(unsure.get("follow_up").get("question").asText()).isEqualTo("Is this a new case?");
    JsonNode pending = json(send("GET", "/api/v1/conversations/" + other, token, null));
    assertThat(pending.get("pending").get("type").asText()).isEqualTo("confirm_new_case");

    JsonNode yes = say(token, other, "text", "yes");
    assertThat(yes.get("case").asInt()).isEqualTo(2);
    assertThat(yes.get("case_started").asBoolean()).isTrue();
    assertThat(yes.get("answer").get("plays").get(0).get("play_id").asText())
        .isEqualTo("orders.wrong-item");
    assertThat(facts(yes.get("answer").get("facts"))).noneMatch(f -> f.startsWith("amount"));
  }

  @Test
  void two_messages_at_once_on_one_conversation_are_both_answered_in_turn() throws Exception {
    String token = token("cases-race");
    String id = conversation(token);
    List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
    for (String text : List.of(KETTLE, "card declined")) {
      racing.add(
          http.sendAsync(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + server.port()
                              + "/api/v1/conversations/"
                              + id
                              + "/messages"))
                  .timeout(Duration.ofSeconds(60))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(ChatApiTest.body("text", text)))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> turns = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> response : racing) {
      HttpResponse<String> done = response.get(90, TimeUnit.SECONDS);
      assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
      turns.add(json(done).get("turn").asInt());
    }
    assertThat(turns).containsExactlyInAnyOrder(1, 2);
    JsonNode transcript = json(send("GET", "/api/v1/conversations/" + id, token, null));
    List<String> said = new ArrayList<>();
    transcript.get("turns").forEach(turn -> said.add(turn.get("text").asText()));
    assertThat(said).containsExactlyInAnyOrder(KETTLE, "card declined");
  }

  /** A WebSocket client that queues the server's frames as JSON. */
  static final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    static Client connect(String token) throws Exception {
      Client client = new Client();
      client.socket =
          http.newWebSocketBuilder()
              .header("Authorization", "Bearer " + token)
              .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/ws"), client)
              .get(10, TimeUnit.SECONDS);
      return client;
    }

    JsonNode send(String json) throws Exception {
      socket.sendText(json, true).join();
      JsonNode frame = frames.poll(60, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 60 s").isNotNull();
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
  }

  @Test
  void the_websocket_opens_cases_by_frame_and_by_message() throws Exception {
    Client client = Client.connect(token("cases-ws"));
    assertThat(client.send("{\"type\": \"new_case\"}").get("problem").get("status").asInt())
        .isEqualTo(409);
    JsonNode ready = client.send("{\"type\": \"start\"}");
    assertThat(ready.get("conversation").get("case").asInt()).isEqualTo(1);

    JsonNode first = client.send("{\"type\": \"message\", \"text\": \"" + MIXER + "\"}");
    assertThat(first.get("reply").get("case").asInt()).isEqualTo(1);

    JsonNode started = client.send("{\"type\": \"new_case\"}");
    assertThat(started.get("type").asText()).isEqualTo("case_started");
    assertThat(started.get("case").asInt()).isEqualTo(2);

    JsonNode second =
        client.send(
            "{\"type\": \"message\", \"text\": \"she was charged twice for her premium"
                + " subscription\"}");
    assertThat(second.get("reply").get("case").asInt()).isEqualTo(2);
    assertThat(second.get("reply").toString()).doesNotContain("£89", "89.00");

    JsonNode flagged =
        client.send("{\"type\": \"message\", \"text\": \"card declined\", \"new_case\": true}");
    assertThat(flagged.get("reply").get("case").asInt()).isEqualTo(3);
    assertThat(flagged.get("reply").get("case_started").asBoolean()).isTrue();
    assertThat(
            client
                .send("{\"type\": \"message\", \"text\": \"hi\", \"new_case\": 1}")
                .get("problem")
                .get("detail")
                .asText())
        .contains("new_case");
  }
}
