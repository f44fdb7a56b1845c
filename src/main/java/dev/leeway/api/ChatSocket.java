package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.chat.Conversation;
import dev.leeway.chat.Message;
import dev.leeway.chat.ReplyJson;
import dev.leeway.json.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live-chat protocol on {@code /api/v1/ws} (documented under {@code x-websocket} in the OpenAPI
 * description): one conversation per socket, frames handled one after another, turns taken on
 * worker threads. A session follows its token: when the token is revoked or its user's role
 * changes, the socket is closed (1008) within a second.
 */
final class ChatSocket {

  static final String PATH = "/api/v1/ws";
  static final long AUTH_WITHIN_MS = 10_000;
  private static final String TYPES = "auth, start, resume, message, new_case, ping";
  private static final Logger LOG = Logger.getLogger(ChatSocket.class.getName());

  /** Policy violation: not signed in, signed out, or over a limit before signing in. */
  static final short POLICY = 1008;

  /** The message is bigger than the server takes. */
  static final short TOO_BIG = 1009;

  private final Vertx vertx;
  private final WorkerExecutor answering;
  private final Services services;
  private final Authentication authentication;
  private final FairUse fairUse;
  private final long pingMs;
  private final Set<Session> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger anonymous = new AtomicInteger();

  /**
   * @param connectionIdle the HTTP idle timeout; the server pings each socket more often than that,
   *     so a quiet but signed-in socket is closed by its own idle rule, not the connection's
   */
  ChatSocket(
      Vertx vertx,
      WorkerExecutor answering,
      Services services,
      Authentication authentication,
      FairUse fairUse,
      java.time.Duration connectionIdle) {
    this.vertx = vertx;
    this.pingMs = Math.max(500, connectionIdle.toMillis() / 3);
    this.answering = answering;
    this.services = services;
    this.authentication = authentication;
    this.fairUse = fairUse;
  }

  /**
   * Takes a place for a socket that has not signed in, if one is free; the session gives it back
   * when it signs in or closes.
   */
  boolean admitAnonymous() {
    if (anonymous.incrementAndGet() > services.limits().anonymousSockets()) {
      anonymous.decrementAndGet();
      return false;
    }
    return true;
  }

  void releaseAnonymous() {
    anonymous.decrementAndGet();
  }

  /** How many sockets are open and how many of them have not signed in (tests, metrics). */
  Map<String, Integer> counts() {
    return Map.of("open", live.size(), "unauthenticated", anonymous.get());
  }

  void handle(ServerWebSocket socket) {
    new Session(socket).begin();
  }

  /**
   * Closes every session whose token no longer verifies as the same user and role: revoked, or
   * reissued with another role. Called whenever the token store changes.
   */
  void recheck() {
    for (Session session : live) {
      session.context.runOnContext(v -> session.recheck());
    }
  }

  /** One socket's state; touched only on its event loop, or by the futures it chains there. */
  private final class Session {
    private final ServerWebSocket socket;
    private final Context context;
    private User user;
    private String token;
    private boolean counted;
    private Conversation conversation;
    private Future<?> queue = Future.succeededFuture();
    private long lastFrame = System.nanoTime();
    private long idleTimer = -1;
    private long pingTimer = -1;
    private long messageBytes;
    private long bytesBeforeSignIn;
    private boolean closing;

    Session(ServerWebSocket socket) {
      this.socket = socket;
      this.context = vertx.getOrCreateContext();
    }

    void begin() {
      String header = socket.headers().get("Authorization");
      token = Authentication.bearer(header).orElse(null);
      // A session signing in is recorded in the audit log.
      user = token == null ? null : authentication.signIn(token).orElse(null);
      // The handshake took a place for a socket without a token; give it back on sign-in or close.
      counted = header == null;
      live.add(this);
      if (user == null) {
        vertx.setTimer(
            AUTH_WITHIN_MS,
            t -> {
              if (user == null && !socket.isClosed()) {
                error(401, "Unauthorized", "send {\"type\": \"auth\", \"token\": \"...\"} first");
                close(POLICY, "not authenticated");
              }
            });
      }
      long idleMs = services.limits().socketIdle().toMillis();
      idleTimer =
          vertx.setPeriodic(
              Math.max(1000, idleMs / 4),
              t -> {
                if ((System.nanoTime() - lastFrame) / 1_000_000 > idleMs) {
                  close(
                      (short) 1001,
                      "idle for more than " + services.limits().socketIdle().toSeconds() + " s");
                }
              });
      pingTimer =
          vertx.setPeriodic(
              pingMs,
              t -> {
                if (!socket.isClosed()) {
                  socket
                      .writePing(io.vertx.core.buffer.Buffer.buffer())
                      .onFailure(
                          gone -> {
                            // Closing anyway; the close handler cleans up.
                          });
                }
              });
      socket.closeHandler(
          v -> {
            vertx.cancelTimer(idleTimer);
            vertx.cancelTimer(pingTimer);
            live.remove(this);
            releasePlace();
          });
      socket.exceptionHandler(
          failure -> {
            // Netty refuses a single frame far over the limit before we see it; say so once.
            if (!closing) {
              LOG.warning(
                  () ->
                      "WebSocket from "
                          + socket.remoteAddress()
                          + " failed: "
                          + failure.getMessage());
            }
          });
      socket.frameHandler(this::count);
      socket.binaryMessageHandler(
          b -> error(400, "Bad request", "send JSON text frames, not binary"));
      socket.textMessageHandler(
          text -> {
            lastFrame = System.nanoTime();
            // One frame at a time, in order: a reply never overtakes the one before it.
            queue = queue.transform(done -> frame(text).recover(this::failed));
          });
    }

    /**
     * Counts every frame's bytes as it arrives, before it is put together into a message: a message
     * over the limit closes the socket (1009), and so do more bytes than a socket may send before
     * it signs in (1008). Both are logged once, as the socket closes.
     */
    private void count(WebSocketFrame frame) {
      if (closing) {
        return;
      }
      long bytes = frame.binaryData().length();
      messageBytes = frame.isContinuation() ? messageBytes + bytes : bytes;
      if (user == null) {
        bytesBeforeSignIn += bytes;
        if (bytesBeforeSignIn > services.limits().anonymousBytes()) {
          LOG.warning(
              () ->
                  "WebSocket from "
                      + socket.remoteAddress()
                      + " sent more than "
                      + services.limits().anonymousBytes()
                      + " bytes before signing in; closed");
          close(
              POLICY,
              "more than " + services.limits().anonymousBytes() + " bytes before signing in");
          return;
        }
      }
      int max = services.limits().maxSocketMessageBytes();
      if (messageBytes > max) {
        LOG.warning(
            () ->
                "WebSocket from "
                    + socket.remoteAddress()
                    + (user == null ? "" : " (user " + user.name() + ")")
                    + " sent a message over "
                    + max
                    + " bytes; closed with 1009");
        close(TOO_BIG, "message over " + max + " bytes");
      }
    }

    private void recheck() {
      if (user == null || socket.isClosed() || closing) {
        return;
      }
      Optional<User> now = authentication.verify(token);
      if (now.isEmpty()) {
        error(401, "Unauthorized", "the token was revoked");
        close(POLICY, "token revoked");
      } else if (!now.get().equals(user)) {
        error(
            401,
            "Unauthorized",
            "the token's role changed from "
                + user.role()
                + " to "
                + now.get().role()
                + "; sign in again");
        close(POLICY, "role changed");
      }
    }

    private void close(short code, String reason) {
      if (closing) {
        return;
      }
      closing = true;
      socket
          .close(code, reason)
          .onFailure(
              ignored -> {
                // Already gone: nothing to close.
              });
    }

    private void releasePlace() {
      if (counted) {
        counted = false;
        releaseAnonymous();
      }
    }

    private Future<Void> frame(String text) {
      if (closing) {
        return Future.succeededFuture();
      }
      if (text.length() > services.limits().maxBodyBytes()) {
        return error(
            413,
            "Payload too large",
            "the message has "
                + text.length()
                + " characters; the limit is "
                + services.limits().maxBodyBytes());
      }
      JsonObject frame;
      try {
        frame = Bodies.strictObject(text);
      } catch (ApiException e) {
        return error(
            400,
            "Bad request",
            e.getMessage().replace("body", "a frame")
                + "; a frame is a JSON object like {\"type\": \"ping\"}");
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
        return error(
            429, "Too many requests", "over this token's request rate; retry after " + wait + " s");
      }
      return switch (type) {
        case "start" -> {
          String customerId = frame.getValue("customer_id") instanceof String c ? c : null;
          yield ConversationHandlers.start(services, user, customerId)
              .compose(
                  started -> {
                    conversation = started;
                    return ready();
                  });
        }
        case "resume" -> resume(frame);
        case "message" -> message(frame);
        case "new_case" -> newCase();
        default -> error(400, "Bad request", "unknown type '" + type + "' (types: " + TYPES + ")");
      };
    }

    private Future<Void> auth(JsonObject frame) {
      if (user != null) {
        // Who a socket speaks for never changes: the open conversation is this user's.
        return error(
            409,
            "Conflict",
            "this socket is already signed in as "
                + user.name()
                + "; open a new socket to sign in as someone else");
      }
      String offered = frame.getValue("token") instanceof String t ? t : null;
      Optional<User> verified = offered == null ? Optional.empty() : authentication.signIn(offered);
      if (verified.isEmpty()) {
        services.metrics().refused(401);
        return error(401, "Unauthorized", "the token is unknown or revoked")
            .compose(
                v -> {
                  close(POLICY, "not authenticated");
                  return Future.succeededFuture();
                });
      }
      user = verified.get();
      token = offered;
      releasePlace();
      return send(
          Json.json()
              .createObjectNode()
              .put("type", "authenticated")
              .put("user", user.name())
              .put("role", user.role()));
    }

    private Future<Void> resume(JsonObject frame) {
      String id = frame.getValue("conversation_id") instanceof String s ? s : null;
      if (id == null) {
        return error(400, "Bad request", "field 'conversation_id' is required to resume");
      }
      if (id.length() > Bodies.MAX_ID_CHARS) {
        return error(
            400,
            "Bad request",
            "field 'conversation_id' has "
                + id.length()
                + " characters; the most is "
                + Bodies.MAX_ID_CHARS);
      }
      // A conversation from before a restart is rebuilt from the store: not on the event loop.
      User asking = user;
      return vertx
          .executeBlocking(() -> services.conversations().find(id, asking.name()), false)
          .compose(
              found -> {
                if (found.isEmpty()) {
                  return error(
                      404,
                      "Not found",
                      "no open conversation '"
                          + id
                          + "' for you (it may have expired); send {\"type\": \"start\"}");
                }
                conversation = found.get();
                return ready();
              });
    }

    private Future<Void> newCase() {
      if (conversation == null) {
        return error(
            409,
            "Conflict",
            "no conversation yet: send {\"type\": \"start\"} or {\"type\": \"resume\", ...} first");
      }
      return ConversationHandlers.newCase(vertx, services, conversation)
          .compose(
              opened ->
                  send(
                      Json.json()
                          .createObjectNode()
                          .put("type", "case_started")
                          .put("case", opened.get("case").asInt())));
    }

    private Future<Void> message(JsonObject frame) {
      if (conversation == null) {
        return error(
            409,
            "Conflict",
            "no conversation yet: send {\"type\": \"start\"} or {\"type\": \"resume\", ...} first");
      }
      Object text = frame.getValue("text");
      if (!(text instanceof String words) || words.isBlank()) {
        return error(400, "Bad request", "field 'text' is required and must be non-empty text");
      }
      if (words.length() > MatchHandler.MAX_TEXT_CHARS) {
        return error(
            413,
            "Payload too large",
            "field 'text' has "
                + words.length()
                + " characters; the limit is "
                + MatchHandler.MAX_TEXT_CHARS);
      }
      Object facts = frame.getValue("facts");
      if (facts != null && !(facts instanceof JsonObject)) {
        return error(400, "Bad request", "field 'facts' must be an object of fact name to value");
      }
      Object newCase = frame.getValue("new_case");
      if (newCase != null && !(newCase instanceof Boolean)) {
        return error(400, "Bad request", "field 'new_case' must be true or false");
      }
      Map<String, Object> context = Bodies.facts(frame);
      Message message =
          new Message(
              words, context, LocalDate.now(services.clock()), Boolean.TRUE.equals(newCase));
      User asking = user;
      Conversation current = conversation;
      String customerId = frame.getValue("customer_id") instanceof String c ? c : null;
      return fairUse
          .answer(
              asking.name(),
              words.length(),
              () ->
                  ConversationHandlers.take(
                      answering, services, current, message, asking, customerId, "websocket"))
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
      LOG.log(Level.SEVERE, "socket frame failed", failure);
      return error(500, "Internal error", "the server could not answer; the error has been logged");
    }

    private Future<Void> error(int status, String title, String detail) {
      ObjectNode problem =
          Json.json()
              .createObjectNode()
              .put("type", "about:blank")
              .put("title", title)
              .put("status", status)
              .put("detail", detail);
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
      return socket
          .writeTextMessage(Responses.encode(json))
          .recover(gone -> Future.succeededFuture());
    }
  }
}
