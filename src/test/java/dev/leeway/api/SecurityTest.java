package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.app.LeewayServer;
import dev.leeway.config.Protection;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation in the OpenAPI description, walked from the document: those that need a token
 * answer 401 with none, a wrong one or a revoked one; those that need a role ({@code
 * x-leeway-role}) answer 403 to a lower role and let the role itself through.
 */
class SecurityTest {

  @TempDir static Path dataDir;

  static LeewayServer server;
  static HttpClient http;
  static JsonNode contract;

  /**
   * One operation: method, path with its parameters filled in, whether it needs a token, and which
   * role.
   */
  record Operation(
      String id, String method, String path, boolean secured, String role, boolean needsInput) {}

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(
                    ServerConfig.HOST,
                    "127.0.0.1",
                    ServerConfig.DATA_DIR,
                    dataDir.toString(),
                    ServerConfig.RATE,
                    "1000",
                    ServerConfig.BURST,
                    "1000"))
            .withPort(0);
    server = LeewayServer.start(config, Protection.defaults());
    http = HttpClient.newHttpClient();
    try (InputStream in =
        SecurityTest.class.getClassLoader().getResourceAsStream(ApiVerticle.CONTRACT)) {
      contract = Json.yaml().readTree(in);
    }
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

  static List<Operation> operations() {
    boolean securedByDefault = contract.has("security") && !contract.get("security").isEmpty();
    List<Operation> operations = new ArrayList<>();
    contract
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (op.getKey().equals("parameters")) {
                            return;
                          }
                          JsonNode operation = op.getValue();
                          boolean secured =
                              operation.has("security")
                                  ? !operation.get("security").isEmpty()
                                  : securedByDefault;
                          String role =
                              operation.has("x-leeway-role")
                                  ? operation.get("x-leeway-role").asText()
                                  : null;
                          boolean needsInput = path.getKey().contains("{");
                          for (JsonNode parameter : operation.path("parameters")) {
                            JsonNode p = parameter;
                            if (p.has("$ref")) {
                              String name = p.get("$ref").asText().replaceAll(".*/", "");
                              p = contract.path("components").path("parameters").path(name);
                            }
                            needsInput |= p.path("required").asBoolean(false);
                          }
                          operations.add(
                              new Operation(
                                  operation.get("operationId").asText(),
                                  op.getKey().toUpperCase(Locale.ROOT),
                                  filled(path.getKey(), path.getValue()),
                                  secured,
                                  role,
                                  needsInput));
                        }));
    return operations;
  }

  /** The path with each parameter filled in: the first of its enum's values, else "some-id". */
  static String filled(String path, JsonNode item) {
    String filled = path;
    for (JsonNode parameter : item.path("parameters")) {
      JsonNode values = parameter.path("schema").path("enum");
      filled =
          filled.replace(
              "{" + parameter.path("name").asText() + "}",
              values.isEmpty() ? "some-id" : values.get(0).asText());
    }
    return filled.replaceAll("\\{[^}]+}", "some-id");
  }

  static HttpResponse<String> call(Operation op, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + op.path()))
            .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (op.method().equals("GET")) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .method(
              op.method(),
              HttpRequest.BodyPublishers.ofString("{\"text\": \"kettle arrived smashed\"}"));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void every_operation_that_needs_a_token_refuses_none_a_wrong_one_and_a_revoked_one()
      throws Exception {
    String revoked = server.services().tokens().issue("sec-revoked", "supervisor", Instant.now());
    server.services().tokens().revoke("sec-revoked", Instant.now());
    List<Operation> secured = operations().stream().filter(Operation::secured).toList();
    assertThat(secured)
        .extracting(Operation::id)
        .contains("suggest", "postMessage", "gaps", "feedback", "match", "createConversation");
    for (Operation op : secured) {
      for (String authorization :
          new String[] {null, "Bearer lw_not-a-token", "Basic Zm9vOmJhcg==", "Bearer " + revoked}) {
        HttpResponse<String> response = call(op, authorization);
        assertThat(response.statusCode())
            .as(
                op.id()
                    + " with "
                    + (authorization == null ? "no token" : authorization.split(" ")[0]))
            .isEqualTo(401);
        assertThat(response.headers().firstValue("content-type"))
            .hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(response.body()).doesNotContain(revoked);
      }
    }
  }

  @Test
  void operations_without_security_answer_without_a_token() throws Exception {
    List<Operation> open = operations().stream().filter(op -> !op.secured()).toList();
    assertThat(open).extracting(Operation::id).contains("health", "openapi");
    for (Operation op : open) {
      assertThat(call(op, null).statusCode()).as(op.id()).isEqualTo(200);
    }
  }

  @Test
  void operations_that_need_a_role_refuse_every_lower_role_and_admit_that_role() throws Exception {
    List<Operation> roled = operations().stream().filter(op -> op.role() != null).toList();
    // The description marks them; new ones are covered as they are added.
    assertThat(roled)
        .extracting(Operation::id)
        .contains(
            "gaps",
            "audit",
            "insights",
            "gapGroups",
            "listPlays",
            "getPlay",
            "playHistory",
            "playDiff",
            "rollbackPlay",
            "retirePlay",
            "getAuthority",
            "authorityHistory",
            "authorityDiff",
            "rollbackAuthority",
            "listDrafts",
            "createDraft",
            "getDraft",
            "saveDraft",
            "submitDraft",
            "returnDraft",
            "approveDraft",
            "discardDraft",
            "publishDraft",
            "tryDraft");
    // Every role below the top of the matrix's approval chain: agent and senior_agent here.
    var authority = server.services().advisor().content().authority();
    List<String> lower =
        authority.roles().values().stream()
            .filter(r -> r.approver() != null)
            .map(dev.leeway.config.Role::id)
            .toList();
    assertThat(lower).hasSizeGreaterThanOrEqualTo(2);
    for (String role : lower) {
      String token =
          "Bearer " + server.services().tokens().issue("sec-" + role, role, Instant.now());
      for (Operation op : roled) {
        HttpResponse<String> refused = call(op, token);
        assertThat(refused.statusCode()).as(op.id() + " as " + role).isEqualTo(403);
        assertThat(refused.headers().firstValue("content-type"))
            .hasValue("application/problem+json");
        assertThat(refused.body()).as(op.id()).contains("is for supervisors");
      }
    }
    for (Operation op : roled) {
      String allowed =
          "Bearer "
              + server.services().tokens().issue("sec-" + op.role(), op.role(), Instant.now());
      int status = call(op, allowed).statusCode();
      if (op.method().equals("GET") && !op.needsInput()) {
        assertThat(status).as(op.id() + " as " + op.role()).isLessThan(300);
      } else {
        // Past the role check: what follows is about the made-up id or body.
        assertThat(status).as(op.id() + " as " + op.role()).isNotIn(401, 403);
      }
    }
  }

  @Test
  void asking_as_a_role_above_the_token_is_403() throws Exception {
    String agent = server.services().tokens().issue("sec-asker", "agent", Instant.now());
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/v1/suggest"))
                .header("Authorization", "Bearer " + agent)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"text\": \"kettle arrived smashed\", \"role\": \"supervisor\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
  }
}
