package dev.leeway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The websocket phase's load: C chat conversations opened at once, each sending a message a few
 * seconds after each reply. Every conversation's state machine runs on the client's one event loop.
 */
final class SocketLoad {
  /**
   * Reply latencies (all, to the first message, to the others), errors and reply kinds; {@code
   * allOpenMs} is -1 when they never all were.
   */
  record Result(
      Latencies all,
      Latencies first,
      Latencies followUps,
      ErrorCounts errors,
      Map<String, Integer> kinds,
      int peakOpen,
      long allOpenMs,
      int answered) {}

  final class Conversation {
    final int index;
    WebSocket socket;
    boolean open;
    boolean closing;
    long sentAt = -1;
    int replies;

    Conversation(int index) {
      this.index = index;
    }
  }

  final long start;
  final long end;
  final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final Vertx vertx;
  private final WebSocketClient ws;
  private final String host;
  private final int port;
  private final List<String> tokens;
  private final int conversations;
  private final double interval;
  private final Random random;
  private final List<Conversation> all = new ArrayList<>();
  // Touched only on the client's event loop.
  private final Latencies latencies = new Latencies();
  private final Latencies first = new Latencies();
  private final Latencies followUps = new Latencies();
  private final ErrorCounts errors = new ErrorCounts();
  private final Map<String, Integer> kinds = new TreeMap<>();
  int openNow;
  int peakOpen;
  long allOpenAt = -1;
  int awaiting;
  int answered;
  int stillConnected;
  boolean finished;

  SocketLoad(
      Vertx vertx,
      WebSocketClient ws,
      String host,
      int port,
      List<String> tokens,
      LoadPlan plan,
      long start) {
    this.vertx = vertx;
    this.ws = ws;
    this.host = host;
    this.port = port;
    this.tokens = tokens;
    this.conversations = plan.conversations();
    this.interval = plan.interval();
    this.random = new Random(plan.seed());
    this.start = start;
    this.end = start + (long) (plan.wsDuration() * 1e9);
  }

  void begin() {
    for (int i = 0; i < conversations; i++) {
      Conversation c = new Conversation(i);
      all.add(c);
      // Half authenticate on the upgrade, half with a first frame (as a browser must).
      boolean header = i % 2 == 0;
      WebSocketConnectOptions options =
          new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/api/v1/ws");
      if (header) {
        options.putHeader("Authorization", "Bearer " + tokens.get(i));
      }
      ws.connect(options)
          .onSuccess(socket -> connected(c, socket, header))
          .onFailure(e -> error("connect: " + ErrorCounts.kind(e)));
    }
  }

  void connected(Conversation c, WebSocket socket, boolean header) {
    c.socket = socket;
    stillConnected++;
    socket.textMessageHandler(text -> frame(c, text));
    socket.exceptionHandler(e -> error(ErrorCounts.kind(e)));
    socket.closeHandler(
        v -> {
          stillConnected--;
          if (c.open) {
            c.open = false;
            openNow--;
          }
          if (c.sentAt >= 0) {
            c.sentAt = -1;
            awaiting--;
          }
          if (!c.closing) {
            error("closed by the server (" + socket.closeStatusCode() + ")");
          }
          if (finished && stillConnected == 0) {
            closed.complete(null);
          }
        });
    if (finished) {
      c.closing = true;
      socket.close((short) 1000);
      return;
    }
    if (header) {
      socket.writeTextMessage("{\"type\":\"start\"}");
    } else {
      socket.writeTextMessage(
          new JsonObject().put("type", "auth").put("token", tokens.get(c.index)).encode());
    }
  }

  void frame(Conversation c, String text) {
    long now = System.nanoTime();
    String type = type(text);
    switch (type) {
      case "authenticated" -> c.socket.writeTextMessage("{\"type\":\"start\"}");
      case "ready" -> {
        c.open = true;
        openNow++;
        if (openNow > peakOpen) {
          peakOpen = openNow;
        }
        if (openNow == conversations && allOpenAt < 0) {
          allOpenAt = now;
        }
        send(c, AgentTexts.TEXTS.get(c.index % AgentTexts.TEXTS.size()));
      }
      case "reply" -> {
        if (c.sentAt >= 0) {
          long took = now - c.sentAt;
          latencies.record(took);
          (c.replies == 0 ? first : followUps).record(took);
          c.sentAt = -1;
          awaiting--;
        }
        if (c.replies++ == 0) {
          answered++;
        }
        kinds.merge(kind(text), 1, Integer::sum);
        scheduleNext(c);
      }
      case "error" -> {
        error(
            "error frame "
                + new JsonObject(text)
                    .getJsonObject("problem", new JsonObject())
                    .getValue("status"));
        if (c.sentAt >= 0) {
          c.sentAt = -1;
          awaiting--;
          scheduleNext(c);
        }
      }
      case "pong" -> {}
      default -> error("unexpected frame type '" + type + "'");
    }
  }

  void scheduleNext(Conversation c) {
    long pause = (long) (interval * 1000 * (0.5 + random.nextDouble()));
    if (finished || System.nanoTime() + pause * 1_000_000 - end >= 0) {
      return;
    }
    vertx.setTimer(
        Math.max(1, pause),
        id -> {
          if (!finished && c.open && System.nanoTime() - end < 0) {
            // Mostly follow-ups on the situation in hand; now and then the agent moves on to a new
            // one.
            String text =
                random.nextInt(4) == 0
                    ? AgentTexts.TEXTS.get(random.nextInt(AgentTexts.TEXTS.size()))
                    : AgentTexts.FOLLOW_UPS.get(random.nextInt(AgentTexts.FOLLOW_UPS.size()));
            send(c, text);
          }
        });
  }

  void send(Conversation c, String text) {
    if (System.nanoTime() - end >= 0 || finished) {
      return;
    }
    c.sentAt = System.nanoTime();
    awaiting++;
    c.socket
        .writeTextMessage(new JsonObject().put("type", "message").put("text", text).encode())
        .onFailure(e -> error("write: " + ErrorCounts.kind(e)));
  }

  void error(String kind) {
    errors.add(kind);
  }

  /** Stops the load, counts replies that never came, and closes every socket. */
  Result finish() {
    finished = true;
    if (awaiting > 0) {
      errors.add("no reply by the end of the phase", awaiting);
    }
    Result result =
        new Result(
            latencies.copy(),
            first.copy(),
            followUps.copy(),
            errors.copy(),
            new TreeMap<>(kinds),
            peakOpen,
            allOpenAt < 0 ? -1 : (allOpenAt - start) / 1_000_000,
            answered);
    for (Conversation c : all) {
      if (c.socket != null && !c.socket.isClosed()) {
        c.closing = true;
        c.socket.close((short) 1000, "benchmark over");
      }
    }
    if (stillConnected == 0) {
      closed.complete(null);
    }
    return result;
  }

  private static String type(String frame) {
    // The server writes "type" first; fall back to parsing for anything else.
    String prefix = "{\"type\":\"";
    if (frame.startsWith(prefix)) {
      int close = frame.indexOf('"', prefix.length());
      if (close > 0) {
        return frame.substring(prefix.length(), close);
      }
    }
    try {
      return String.valueOf(new JsonObject(frame).getValue("type"));
    } catch (RuntimeException e) {
      return "unparseable";
    }
  }

  private static String kind(String reply) {
    for (String kind : List.of("answer", "clarify", "no_match")) {
      if (reply.contains("\"kind\":\"" + kind + "\"")) {
        return kind;
      }
    }
    return "other";
  }
}
