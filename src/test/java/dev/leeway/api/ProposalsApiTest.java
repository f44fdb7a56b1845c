package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import dev.leeway.store.StoreSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proposed examples over a real server: an agent's answer through /suggest, marked helpful, shows
 * up for the supervisor until dismissed; the answer's digest is stored with it.
 */
class ProposalsApiTest {

  @TempDir static Path dataDir;
  static LeewayServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();

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

  static HttpResponse<String> send(String method, String path, String token, Object body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token);
    if (body == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .method(
              method, HttpRequest.BodyPublishers.ofString(Json.json().writeValueAsString(body)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.json().readTree(response.body());
  }

  @Test
  void a_phrasing_marked_helpful_is_proposed_until_dismissed_and_agents_are_refused()
      throws Exception {
    String agent = token("ana", "agent");
    String text = "the parcel says delivered but she never got it, photos of porch attached";
    HttpResponse<String> suggested = send("POST", "/api/v1/suggest", agent, Map.of("text", text));
    assertThat(suggested.statusCode()).as(suggested.body()).isEqualTo(200);
    JsonNode answer = json(suggested);
    String answerId = answer.get("answer_id").asText();
    String playId = answer.get("plays").get(0).get("play_id").asText();
    HttpResponse<String> helpful =
        send(
            "POST",
            "/api/v1/feedback",
            agent,
            Map.of("answer_id", answerId, "play_id", playId, "verdict", "helpful"));
    assertThat(helpful.statusCode()).as(helpful.body()).isEqualTo(202);
    // The answer's digest was stored with it, in the same transaction.
    long digests =
        server
            .services()
            .archive()
            .store()
            .read(
                c -> {
                  try (var ps =
                      c.prepareStatement(
                          "SELECT COUNT(*) FROM answer_digests WHERE answer_id = ?")) {
                    ps.setString(1, answerId);
                    try (var rs = ps.executeQuery()) {
                      rs.next();
                      return rs.getLong(1);
                    }
                  }
                });
    assertThat(digests).isEqualTo(1);

    String boss = token("sam", "supervisor");
    JsonNode proposals = json(send("GET", "/api/v1/proposals", boss, null)).get("proposals");
    assertThat(proposals).hasSize(1);
    assertThat(proposals.get(0).get("play_id").asText()).isEqualTo(playId);
    assertThat(proposals.get(0).get("text").asText()).isEqualTo(text);
    assertThat(proposals.get(0).get("source").asText()).isEqualTo("helpful");
    assertThat(proposals.get(0).get("count").asInt()).isEqualTo(1);

    for (String role : new String[] {"agent", "senior_agent"}) {
      String lower = token("low-" + role, role);
      HttpResponse<String> list = send("GET", "/api/v1/proposals", lower, null);
      assertThat(list.statusCode()).isEqualTo(403);
      assertThat(json(list).get("detail").asText()).contains("for supervisors");
      HttpResponse<String> dismiss =
          send("POST", "/api/v1/proposals/dismiss", lower, Map.of("play_id", playId, "text", text));
      assertThat(dismiss.statusCode()).isEqualTo(403);
    }
    HttpResponse<String> unknown =
        send(
            "POST",
            "/api/v1/proposals/dismiss",
            boss,
            Map.of("play_id", "no.such-play", "text", text));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("detail").asText()).contains("no play 'no.such-play'");
    HttpResponse<String> noWords =
        send("POST", "/api/v1/proposals/dismiss", boss, Map.of("play_id", playId, "text", "?!"));
    assertThat(noWords.statusCode()).isEqualTo(400);
    assertThat(json(noWords).get("detail").asText()).contains("text");
    HttpResponse<String> missing =
        send("POST", "/api/v1/proposals/dismiss", boss, Map.of("play_id", playId));
    assertThat(missing.statusCode()).isEqualTo(400);

    HttpResponse<String> dismissed =
        send(
            "POST",
            "/api/v1/proposals/dismiss",
            boss,
            Map.of("play_id", playId, "text", text.toUpperCase()));
    assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(204);
    assertThat(json(send("GET", "/api/v1/proposals", boss, null)).get("proposals")).isEmpty();
  }
}
