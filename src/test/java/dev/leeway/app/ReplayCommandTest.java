package dev.leeway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leeway replay}: a stored answer reproduced on the current content, and told apart when it
 * is not.
 */
class ReplayCommandTest {

  @TempDir static Path dataDir;
  static LeewayServer server;
  static HttpClient http = HttpClient.newHttpClient();
  static String token;

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(ServerConfig.HOST, "127.0.0.1", ServerConfig.DATA_DIR, dataDir.toString()))
            .withPort(0);
    server =
        SharedBuildCache.around(
            dataDir, () -> LeewayServer.start(config, StoreSettings.embedded(dataDir)));
    token = server.services().tokens().issue("replayer", "agent", Instant.now());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonNode post(String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return Json.json().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void a_suggestion_replays_to_the_same_answer_on_the_same_content() throws Exception {
    String id =
        post(
                "/api/v1/suggest",
                "{\"text\": \"kettle arrived smashed, she paid $40\", \"facts\": {\"has_photo\": true}, \"today\": \"2026-03-31\"}")
            .get("answer_id")
            .asText();
    server.services().archive().answer(id);
    Cli.Result result = Cli.run("replay", id, "--data", dataDir.toString());
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains(
            "answer " + id + ": suggest by replayer (agent)",
            "(the same)",
            "replayed: the same answer");
  }

  @Test
  void a_conversation_turn_replays_with_the_turns_before_it() throws Exception {
    String conversation = post("/api/v1/conversations", "{}").get("id").asText();
    post(
        "/api/v1/conversations/" + conversation + "/messages",
        "{\"text\": \"kettle arrived smashed yesterday, she paid $40\"}");
    String id =
        post("/api/v1/conversations/" + conversation + "/messages", "{\"text\": \"yes\"}")
            .get("answer_id")
            .asText();
    Cli.Result result = Cli.run("replay", id, "--data", dataDir.toString());
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("replayed: the same answer");
  }

  @Test
  void a_changed_answer_or_content_version_is_told_apart() throws Exception {
    String id =
        post(
                "/api/v1/suggest",
                "{\"text\": \"kettle arrived smashed, she paid $40\", \"today\": \"2026-03-31\"}")
            .get("answer_id")
            .asText();
    Store store = server.services().archive().store();
    String original = server.services().archive().answer(id).orElseThrow().answer();
    store
        .write(
            c -> {
              try (var ps =
                  c.prepareStatement(
                      "UPDATE answers SET content_version = 'older', answer = ? WHERE id = ?")) {
                ps.setString(
                    1,
                    original.replaceFirst(
                        "\"decision\":\"[A-Z_]+\"", "\"decision\":\"CANNOT_DO\""));
                ps.setString(2, id);
                return ps.executeUpdate();
              }
            })
        .get();
    Cli.Result result = Cli.run("replay", id, "--data", dataDir.toString());
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out())
        .contains(
            "decided on older",
            "(changed since)",
            "replayed: a different answer, first at plays[0].actions[0].decision: was \"CANNOT_DO\"");
  }

  @Test
  void an_unknown_answer_is_named() {
    Cli.Result result = Cli.run("replay", "no-such-answer", "--data", dataDir.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("no answer 'no-such-answer' in the store");
  }
}
