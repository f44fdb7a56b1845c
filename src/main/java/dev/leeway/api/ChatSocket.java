package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.chat.Conversation;
import dev.leeway.chat.Message;
import dev.leeway.chat.ReplyJson;
import dev.leeway.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live-chat protocol on {@code /api/v1/ws} (documented under {@code x-websocket} in the
 * OpenAPI description): one conversation per socket, frames handled one after another, turns
 * taken on worker threads.
 */
final class ChatSocket {

  static final String PATH = "/api/v1/ws";
  static final long AUTH_WITHIN_MS = 10_000;
  private static final String TYPES = "auth, start, resume, message, ping";

  private final Vertx vertx;
  private final WorkerExecutor answering;
  private final Services services;
  private final Authentication authentication;

  ChatSocket(Vertx vertx, WorkerExecutor answering, Services services, Authentication authentication) {
    this.vertx = vertx;
    this.answering = answering;
    this.services = services;
    this.authentication = authentication;
  }

  void handle(ServerWebSocket socket) {
    new Session(socket).begin();
  }

  /** One socket's state; touched only on its event loop, or by the futures it chains there. */
  private final class Session {
    private final ServerWebSocket socket;
    private User user;
    private Conversation conversation;
    private Future<?> queue = Future.succeededFuture();
    private long lastFrame = System.nanoTime();
    private long idleTimer = -1;

    Session(ServerWebSocket socket) {
      this.socket = socket;
    }

    void begin() {
      user = authentication.fromHeader(socket.headers().get("Authorization")).orElse(null);
      if (user == null) {
        vertx.setTimer(AUTH_WITHIN_MS, t -> {
          if (user == null && !socket.isClosed()) {
            error(401, "Unauthorized", "send {\"type\": \"auth\", \"token\": \"...\"} first");
            socket.close((short) 1008, "not authenticated");
          }
        });
      }
      long idleMs = services.limits().socketIdle().toMillis();
      idleTimer =
          vertx.setPeriodic(
              Math.max(1000, idleMs / 4),
              t -> {
                if ((System.nanoTime() - lastFrame) / 1_000_000 > idleMs) {
                  socket.close((short) 1001, "idle for more than " + services.limits().socketIdle().toSeconds() + " s");
                }
              });
      socket.closeHandler(v -> vertx.cancelTimer(idleTimer));
      socket.binaryMessageHandler(b -> error(400, "Bad request", "send JSON text frames, not binary"));
      socket.textMessageHandler(
          text -> {
            lastFrame = System.nanoTime();
            // One frame at a time, in order: a reply never overtakes the one before it.
            queue = queue.transform(done -> frame(text).recover(this::failed));
          });
    }

    private Future<Void> frame(String text) {
      if (text.length() > services.limits().maxBodyBytes()) {
        return error(413, "Payload too large", "the message has " + text.length() + " characters; the limit is " + services.limits().maxBodyBytes());
      }
      JsonObject frame;
      try {
        frame = new JsonObject(text);
      } catch (DecodeException | ClassCastException e) {
        return error(400, "Bad request", "a frame must be a JSON object like {\"type\": \"ping\"}");
      }
      String type = frame.getValue("type") instanceof String s ? s : null;
      if (type == null) {
        return error(400, "Bad request", "field 'type' is required (types: " + TYPES + ")");
      }
      if (type.equals("ping")) {
        return send(Json.json().createObjectNode().put("type", "pong"));
      }
      if (type.equals("auth")) {
        return auth(frame);
      }
      if (user == null) {
        return error(401, "Unauthorized", "send {\"type\": \"auth\", \"token\": \"...\"} first");
      }
      long wait = authentication.throttle(user);
      if (wait > 0) {
        return error(429, "Too many requests", "over this token's request rate; retry after " + wait + " s");
      }
      return switch (type) {
        case "start" -> {
          String customerId = frame.getValue("customer_id") instanceof String c ? c : null;
          yield ConversationHandlers.start(services, user, customerId).compose(started -> {
            conversation = started;
            return ready();
          });
        }
        case "resume" -> resume(frame);
        case "message" -> message(frame);
        default -> error(400, "Bad request", "unknown type '" + type + "' (types: " + TYPES + ")");
      };
    }

    private Future<Void> auth(JsonObject frame) {
      Optional<User> verified = frame.getValue("token") instanceof String token ? authentication.verify(token) : Optional.empty();
      if (verified.isEmpty()) {
        services.metrics().refused(401);
        return error(401, "Unauthorized", "the token is unknown or revoked").compose(v -> socket.close((short) 1008, "not authenticated"));
      }
      user = verified.get();
      return send(Json.json().createObjectNode().put("type", "authenticated").put("user", user.name()).put("role", user.role()));
    }

    private Future<Void> resume(JsonObject frame) {
      String id = frame.getValue("conversation_id") instanceof String s ? s : null;
      if (id == null) {
        return error(400, "Bad request", "field 'conversation_id' is required to resume");
      }
      // A conversation from before a restart is rebuilt from the store: not on the event loop.
      User asking = user;
      return vertx
          .executeBlocking(() -> services.conversations().find(id, asking.name()), false)
          .compose(found -> {
            if (found.isEmpty()) {
              return error(404, "Not found", "no open conversation '" + id + "' for you (it may have expired); send {\"type\": \"start\"}");
            }
            conversation = found.get();
            return ready();
          });
    }

    private Future<Void> message(JsonObject frame) {
      if (conversation == null) {
        return error(409, "Conflict", "no conversation yet: send {\"type\": \"start\"} or {\"type\": \"resume\", ...} first");
      }
      Object text = frame.getValue("text");
      if (!(text instanceof String words) || words.isBlank()) {
        return error(400, "Bad request", "field 'text' is required and must be non-empty text");
      }
      if (words.length() > MatchHandler.MAX_TEXT_CHARS) {
        return error(413, "Payload too large", "field 'text' has " + words.length() + " characters; the limit is " + MatchHandler.MAX_TEXT_CHARS);
      }
      Object facts = frame.getValue("facts");
      if (facts != null && !(facts instanceof JsonObject)) {
        return error(400, "Bad request", "field 'facts' must be an object of fact name to value");
      }
      Map<String, Object> context = new LinkedHashMap<>();
      if (facts instanceof JsonObject f) {
        f.forEach(e -> context.put(e.getKey(), e.getValue()));
      }
      Message message = new Message(words, context, LocalDate.now(services.clock()));
      String customerId = frame.getValue("customer_id") instanceof String c ? c : null;
      return ConversationHandlers.take(answering, services, conversation, message, user, customerId, "websocket")
          .compose(reply -> send(wrap("reply", "reply", reply)));
    }

    private Future<Void> ready() {
      Conversation resumed = conversation;
      return vertx
          .executeBlocking(() -> ReplyJson.transcript(resumed), false)
          .compose(transcript -> send(wrap("ready", "conversation", transcript)));
    }

    private Future<Void> failed(Throwable failure) {
      if (failure instanceof ApiException api) {
        return error(api.status(), api.title(), api.getMessage());
      }
      java.util.logging.Logger.getLogger(ChatSocket.class.getName()).log(java.util.logging.Level.SEVERE, "socket frame failed", failure);
      return error(500, "Internal error", "the server could not answer; the error has been logged");
    }

    private Future<Void> error(int status, String title, String detail) {
      ObjectNode problem =
          Json.json().createObjectNode().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail);
      return send(wrap("error", "problem", problem));
    }

    private ObjectNode wrap(String type, String field, ObjectNode body) {
      ObjectNode json = Json.json().createObjectNode().put("type", type);
      json.set(field, body);
      return json;
    }

    private Future<Void> send(ObjectNode json) {
      if (socket.isClosed()) {
        return Future.succeededFuture();
      }
      // A client may leave between our check and the write; there is nobody left to tell.
      return socket.writeTextMessage(Responses.encode(json)).recover(gone -> Future.succeededFuture());
    }
  }
}
