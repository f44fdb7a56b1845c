package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.config.Protection;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated requests for every operation in the OpenAPI description (bodies built from each schema
 * and then broken, odd headers, odd paths and methods) and generated WebSocket frames: no answer is
 * a 5xx or shows a stack trace, and the server still answers afterwards. The seed is fixed, so a
 * failure reproduces; counts and time are bounded.
 */
class FuzzTest {

  private static final long SEED = 20261207L;
  private static final int HTTP_REQUESTS = 5000;
  private static final int RAW_REQUESTS = 300;
  private static final int FRAMES = 1000;
  private static final int IN_FLIGHT = 8;
  private static final List<String> LEAKS = List.of("at dev.leeway", "Exception", "\tat ");

  @TempDir static Path dataDir;

  static LeewayServer server;
  static HttpClient http;
  static String base;
  static String agent;
  static String supervisor;
  static JsonNode contract;

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(
                    ServerConfig.HOST, "127.0.0.1",
                    ServerConfig.DATA_DIR, dataDir.toString(),
                    ServerConfig.MAX_BODY, "16384",
                    ServerConfig.RATE, "100000",
                    ServerConfig.BURST, "100000"))
            .withPort(0);
    // Short header and body timeouts: a raw request that promises a body it never sends (chunked,
    // a Content-Length with nothing after it) is answered 408 within the test's read timeout.
    Protection protection =
        Protection.defaults()
            .withFairUse(1000, 10_000_000)
            .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(2));
    server = SharedBuildCache.around(dataDir, () -> LeewayServer.start(config, protection));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    base = "http://127.0.0.1:" + server.port();
    agent = server.services().tokens().issue("fuzz-agent", "agent", Instant.now());
    supervisor = server.services().tokens().issue("fuzz-supervisor", "supervisor", Instant.now());
    try (InputStream in =
        FuzzTest.class.getClassLoader().getResourceAsStream(ApiVerticle.CONTRACT)) {
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

  /** One operation of the description: its method, path template and request body schema. */
  record Operation(String method, String path, JsonNode body) {}

  static List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    contract
        .get("paths")
        .properties()
        .forEach(
            path -> {
              for (Iterator<Map.Entry<String, JsonNode>> it = path.getValue().fields();
                  it.hasNext(); ) {
                Map.Entry<String, JsonNode> op = it.next();
                if (op.getKey().equals("parameters")) {
                  continue;
                }
                JsonNode schema = op.getValue().at("/requestBody/content/application~1json/schema");
                operations.add(
                    new Operation(
                        op.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(),
                        schema.isMissingNode() ? null : schema));
              }
            });
    return operations;
  }

  @Test
  void generated_requests_and_frames_get_no_5xx_and_no_stack_trace() throws Exception {
    Random random = new Random(SEED);
    List<Operation> operations = operations();
    assertThat(operations)
        .extracting(Operation::path)
        .contains("/api/v1/suggest", "/api/v1/conversations/{id}/messages", "/api/v1/gaps");
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(90);

    // A conversation to aim some messages at, so they reach the dialogue rather than a 404.
    String conversation =
        Json.json()
            .readTree(
                send(HttpRequest.newBuilder(URI.create(base + "/api/v1/conversations"))
                        .header("Authorization", "Bearer " + agent)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build())
                    .body())
            .get("id")
            .asText();

    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    Semaphore slots = new Semaphore(IN_FLIGHT);
    AtomicInteger done = new AtomicInteger();
    for (int i = 0; i < HTTP_REQUESTS && System.nanoTime() < deadline; i++) {
      Operation op = operations.get(random.nextInt(operations.size()));
      HttpRequest request = request(random, op, conversation);
      String label = request.method() + " " + request.uri();
      slots.acquire();
      http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (response, error) -> {
                try {
                  // The server may close a connection it refuses (a timeout, a bad request); that
                  // is no 5xx.
                  if (error == null) {
                    check(label, response.statusCode(), response.body(), failures);
                  }
                } finally {
                  done.incrementAndGet();
                  slots.release();
                }
              });
    }
    slots.acquire(IN_FLIGHT);
    slots.release(IN_FLIGHT);
    assertThat(done.get()).isEqualTo(HTTP_REQUESTS);

    for (int i = 0; i < RAW_REQUESTS && System.nanoTime() < deadline; i++) {
      String raw = rawRequest(random);
      String answer = raw(raw);
      if (answer.equals("TIMEOUT")) {
        failures.add(
            "no answer and no close within 10 s to " + abbreviate(raw.replace("\r\n", " | ")));
      }
      if (answer.startsWith("HTTP/1.1 ")) {
        int status = Integer.parseInt(answer.substring(9, 12));
        check(raw.lines().findFirst().orElse(""), status, answer, failures);
        if (status >= 400 && !answer.contains("application/problem+json")) {
          failures.add(raw.lines().findFirst().orElse("") + ": " + status + " is not problem+json");
        }
      }
    }

    long httpDone = System.nanoTime();
    int frames = frames(random, failures, deadline);
    System.out.printf(
        java.util.Locale.ROOT,
        "fuzz: %d HTTP + %d raw requests in %.1f s, %d frames in %.1f s%n",
        HTTP_REQUESTS,
        RAW_REQUESTS,
        (httpDone - started) / 1e9,
        frames,
        (System.nanoTime() - httpDone) / 1e9);
    assertThat(frames).isEqualTo(FRAMES);
    assertThat(failures).isEmpty();
    assertThat(System.nanoTime()).as("within the time budget").isLessThan(deadline);

    HttpResponse<String> health =
        send(HttpRequest.newBuilder(URI.create(base + "/health")).build());
    assertThat(health.statusCode()).isEqualTo(200);
    HttpResponse<String> suggest =
        send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/suggest"))
                .header("Authorization", "Bearer " + agent)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"kettle arrived smashed\"}"))
                .build());
    assertThat(suggest.statusCode()).isEqualTo(200);
  }

  private static void check(
      String label, int status, String body, ConcurrentLinkedQueue<String> failures) {
    if (status >= 500) {
      failures.add(label + ": " + status + " " + abbreviate(body));
    }
    for (String leak : LEAKS) {
      if (body != null && body.contains(leak)) {
        failures.add(label + ": body shows '" + leak.strip() + "': " + abbreviate(body));
      }
    }
  }

  private static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  // ---- HTTP requests ----

  private static HttpRequest request(Random random, Operation op, String conversation) {
    String path = path(random, op.path(), conversation);
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      builder =
          HttpRequest.newBuilder(URI.create(base + op.path().replaceAll("\\{[^}]+}", conversation)))
              .timeout(Duration.ofSeconds(30));
    }
    switch (random.nextInt(10)) {
      case 0 -> {}
      case 1 -> builder.header("Authorization", "Bearer lw_" + word(random, 43));
      case 2 ->
          builder.header(
              "Authorization",
              pick(
                  random,
                  "Basic Zm9vOmJhcg==",
                  "Bearer",
                  "Bearer ",
                  "bearer " + agent,
                  "Token " + agent));
      case 3 -> builder.header("Authorization", "Bearer " + supervisor);
      default -> builder.header("Authorization", "Bearer " + agent);
    }
    String method =
        random.nextInt(12) == 0
            ? pick(random, "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "BREW")
            : op.method();
    String body = body(random, op);
    if (body != null) {
      builder.header("Content-Type", contentType(random));
    }
    if (random.nextInt(8) == 0) {
      builder.header("Accept", pick(random, "*/*", "text/html", "application/xml", "\u00e9"));
    }
    if (random.nextInt(10) == 0) {
      builder.header("X-" + word(random, 8), word(random, random.nextInt(200)));
    }
    if (random.nextInt(10) == 0) {
      builder.header("Origin", pick(random, "https://evil.example.net", base, "null"));
    }
    return builder
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String path(Random random, String template, String conversation) {
    String id =
        switch (random.nextInt(6)) {
          case 0 -> word(random, 1 + random.nextInt(80));
          case 1 -> "%" + word(random, 2);
          case 2 -> "..%2F..%2Fetc%2Fpasswd";
          case 3 -> "a".repeat(random.nextInt(3000));
          default -> conversation;
        };
    // Every path parameter ({id}, {figure}) gets the same generated value.
    String path = template.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(id));
    return switch (random.nextInt(15)) {
      case 0 -> path + "/";
      case 1 -> path + "?" + word(random, 5) + "=" + word(random, 5);
      case 2 -> path.toUpperCase(java.util.Locale.ROOT);
      case 3 -> path + "/" + word(random, 6);
      default -> path;
    };
  }

  private static String contentType(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> "APPLICATION/JSON";
      case 1 -> "application/json; charset=utf-8";
      case 2 -> "text/plain";
      case 3 -> "multipart/form-data; boundary=x";
      case 4 -> "application/x-www-form-urlencoded";
      case 5 -> "application/json; charset=latin1";
      default -> "application/json";
    };
  }

  private static String body(Random random, Operation op) {
    int choice = random.nextInt(20);
    if (choice == 0) {
      return null;
    }
    if (choice == 1) {
      return word(random, random.nextInt(300));
    }
    if (choice == 2) {
      return pick(
          random,
          "",
          "{",
          "[]",
          "null",
          "1e999999",
          "\"text\"",
          "{\"text\": \"a\", \"text\": \"b\"}",
          "{\"text\": \"a\" // c\n}",
          "{\"text\": \"" + "\\ud800" + "\"}",
          "[".repeat(2000),
          "{\"text\": \"kettle\"}{}");
    }
    JsonNode schema =
        op.body() == null ? Json.json().createObjectNode().put("type", "object") : op.body();
    JsonNode value = generate(random, schema, 0);
    if (random.nextInt(3) == 0) {
      value = mutate(random, value);
    }
    return value.toString();
  }

  // ---- values from schemas ----

  private static JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    return ref == null ? schema : contract.at(ref.asText().substring(1));
  }

  private static JsonNode generate(Random random, JsonNode schemaRef, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonNode schema = resolve(schemaRef);
    if (schema.has("oneOf")) {
      return generate(
          random, schema.get("oneOf").get(random.nextInt(schema.get("oneOf").size())), depth);
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
    }
    if (schema.has("const")) {
      return schema.get("const");
    }
    JsonNode type = schema.get("type");
    String kind =
        type == null
            ? "object"
            : type.isArray() ? type.get(random.nextInt(type.size())).asText() : type.asText();
    switch (kind) {
      case "object" -> {
        ObjectNode object = f.objectNode();
        JsonNode properties = schema.get("properties");
        if (properties != null) {
          properties
              .properties()
              .forEach(
                  p -> {
                    boolean required =
                        schema.has("required")
                            && schema.get("required").toString().contains("\"" + p.getKey() + "\"");
                    if (depth < 4 && (required || random.nextBoolean())) {
                      object.set(p.getKey(), generate(random, p.getValue(), depth + 1));
                    }
                  });
        }
        JsonNode extra = schema.get("additionalProperties");
        if (extra != null && extra.isObject() && depth < 4) {
          for (int i = random.nextInt(4); i > 0; i--) {
            object.set(factName(random), generate(random, extra, depth + 1));
          }
        }
        return object;
      }
      case "array" -> {
        ArrayNode array = f.arrayNode();
        for (int i = random.nextInt(3); i > 0 && depth < 4; i--) {
          array.add(
              generate(
                  random,
                  schema.has("items") ? schema.get("items") : f.objectNode().put("type", "string"),
                  depth + 1));
        }
        return array;
      }
      case "integer" -> {
        return f.numberNode(number(random).toBigInteger());
      }
      case "number" -> {
        return f.numberNode(number(random));
      }
      case "boolean" -> {
        return f.booleanNode(random.nextBoolean());
      }
      default -> {
        return f.textNode(
            text(random, schema.has("maxLength") ? schema.get("maxLength").asInt() : 100));
      }
    }
  }

  private static java.math.BigDecimal number(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> new java.math.BigDecimal("18446744073709551616");
      case 1 -> new java.math.BigDecimal("1e308");
      case 2 -> new java.math.BigDecimal(-random.nextInt(1000));
      case 3 -> new java.math.BigDecimal("0.001");
      case 4 -> new java.math.BigDecimal("1000000000000000000000000000000");
      default -> new java.math.BigDecimal(random.nextInt(500));
    };
  }

  private static String factName(Random random) {
    return pick(
        random,
        "order_total",
        "days_since_delivery",
        "customer_credit_count",
        "membership_tier",
        "item_received",
        "purchase_date",
        "times_this_happened",
        "unknown_fact",
        "Bad-Name",
        "x".repeat(70));
  }

  private static JsonNode mutate(Random random, JsonNode value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value instanceof ObjectNode object && !object.isEmpty() && random.nextBoolean()) {
      String field = object.fieldNames().next();
      object.set(
          field,
          pick(
              random,
              f.nullNode(),
              f.numberNode(random.nextLong()),
              f.textNode(""),
              f.arrayNode(),
              f.objectNode(),
              f.textNode("\u0000\u202e\ud83d\ude00"),
              f.textNode("x".repeat(5000)),
              f.booleanNode(true),
              f.numberNode(new java.math.BigDecimal("1e400"))));
      return object;
    }
    if (value instanceof ObjectNode object) {
      object.put(word(random, 6), "extra");
      return object;
    }
    return f.arrayNode().add(value);
  }

  private static String text(Random random, int max) {
    String[] texts = {
      "kettle arrived smashed",
      "she was charged twice for her renewal, gold member",
      "refund",
      "yes",
      "no",
      "80 dollars",
      "12 days ago",
      "",
      "   ",
      "\u00e9\u00e8 \u4e2d\u6587 \ud83d\ude00",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      "${jndi:ldap://x}",
      "she has 18446744073709551616 credits",
      "order from 0000-01-01",
      "\u0000\u0001",
      "actually she's silver"
    };
    String text = texts[random.nextInt(texts.length)];
    if (random.nextInt(10) == 0) {
      text = text.repeat(1 + random.nextInt(Math.max(1, max / Math.max(1, text.length()) + 2)));
    }
    return text;
  }

  private static String word(Random random, int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }

  // ---- raw HTTP: what a well-behaved client library will not send ----

  private static String rawRequest(Random random) {
    String target =
        pick(
            random,
            "/%",
            "/%zz",
            "/%%",
            "/api/v1/%",
            "/api/v1/conversations/%G0",
            "/a b",
            "//",
            "/..",
            "/api/v1/../../etc",
            "/api/v1/suggest?%",
            "*",
            "/" + "a".repeat(9000),
            "/api/v1/suggest",
            "/health",
            "/%c0%ae%c0%ae/");
    String method =
        pick(random, "GET", "POST", "BREW", "PROPFIND", "TRACE", "CONNECT", "get", "G\u00c9T");
    StringBuilder headers = new StringBuilder("Host: 127.0.0.1\r\nConnection: close\r\n");
    if (random.nextBoolean()) {
      headers.append("Authorization: Bearer ").append(agent).append("\r\n");
    }
    if (random.nextInt(4) == 0) {
      headers.append(
          pick(
              random,
              "Content-Length: -1\r\n",
              "Content-Length: abc\r\n",
              "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
              "X-Big: " + "b".repeat(9000) + "\r\n",
              "Bad Header\r\n"));
    }
    return method + " " + target + " HTTP/1.1\r\n" + headers + "\r\n";
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.net.SocketTimeoutException e) {
      return "TIMEOUT";
    } catch (java.net.SocketException e) {
      return "";
    }
  }

  // ---- WebSocket frames ----

  /** Collects what the server sends; reconnects are the caller's business. */
  static final class Listener implements WebSocket.Listener {
    final java.util.concurrent.LinkedBlockingQueue<String> texts =
        new java.util.concurrent.LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      closed.complete(status);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.complete(-1);
    }
  }

  private static int frames(Random random, ConcurrentLinkedQueue<String> failures, long deadline)
      throws Exception {
    int sent = 0;
    WebSocket socket = null;
    Listener listener = null;
    while (sent < FRAMES && System.nanoTime() < deadline) {
      if (socket == null || listener.closed.isDone()) {
        listener = new Listener();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (random.nextInt(4) != 0) {
          builder.header("Authorization", "Bearer " + agent);
        }
        socket =
            builder
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/ws"), listener)
                .get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\": \"start\"}", true).get(10, TimeUnit.SECONDS);
      }
      String frame = frame(random);
      try {
        if (random.nextInt(30) == 0) {
          socket
              .sendBinary(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)), true)
              .get(10, TimeUnit.SECONDS);
        } else {
          socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
        }
      } catch (java.util.concurrent.ExecutionException closedMeanwhile) {
        socket = null;
      }
      sent++;
      // Wait for the answer to this frame (or the close), so that frames do not pile up unread.
      String answer = listener.texts.poll(frame.contains("\"message\"") ? 15 : 2, TimeUnit.SECONDS);
      while (answer != null) {
        check(
            "frame " + abbreviate(frame),
            answer.contains("\"status\":5") ? 500 : 200,
            answer,
            failures);
        answer = listener.texts.poll();
      }
    }
    if (socket != null && !listener.closed.isDone()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
    return sent;
  }

  private static String frame(Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode frame = f.objectNode();
    String type =
        pick(
            random, "message", "message", "message", "ping", "start", "resume", "auth", "dance", "",
            "MESSAGE");
    frame.put("type", type);
    switch (type) {
      case "message" -> {
        frame.put("text", text(random, 4000));
        if (random.nextBoolean()) {
          ObjectNode facts = frame.putObject("facts");
          for (int i = random.nextInt(4); i > 0; i--) {
            facts.set(
                factName(random),
                random.nextBoolean() ? f.numberNode(number(random)) : f.textNode(text(random, 50)));
          }
        }
      }
      case "resume" ->
          frame.put("conversation_id", pick(random, word(random, 36), "a".repeat(3000), ""));
      case "auth" ->
          frame.put("token", pick(random, agent, supervisor, "lw_" + word(random, 43), ""));
      default -> {}
    }
    return switch (random.nextInt(12)) {
      case 0 -> "{not json";
      case 1 -> "[1, 2, 3]";
      case 2 -> "{\"type\": \"ping\", \"type\": \"message\"}";
      case 3 -> "{\"type\": \"ping\" /* c */}";
      case 4 -> "\"" + word(random, 10) + "\"";
      default -> frame.toString();
    };
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
