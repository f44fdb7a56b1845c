package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.chat.Conversation;
import dev.leeway.chat.Message;
import dev.leeway.chat.Reply;
import dev.leeway.chat.ReplyJson;
import dev.leeway.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/** {@code /api/v1/conversations}: start one, read its transcript, send it a message. */
final class ConversationHandlers {

  private final Vertx vertx;
  private final WorkerExecutor answering;
  private final Services services;
  private final FairUse fairUse;

  ConversationHandlers(Vertx vertx, WorkerExecutor answering, Services services, FairUse fairUse) {
    this.vertx = vertx;
    this.answering = answering;
    this.services = services;
    this.fairUse = fairUse;
  }

  void create(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    Conversation conversation = services.conversations().start(user.name(), user.role());
    Responses.json(ctx, 201, summary(conversation, services.conversations().idleTimeout()));
  }

  void transcript(RoutingContext ctx) {
    Conversation conversation = find(ctx);
    // A long conversation is many answers to render: not on the event loop.
    vertx
        .executeBlocking(() -> ReplyJson.transcript(conversation), false)
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  void message(RoutingContext ctx) {
    Conversation conversation = find(ctx);
    JsonObject body = Bodies.json(ctx);
    Message message = new Message(body.getString("text"), Bodies.facts(body), Bodies.today(body, services.clock()));
    User user = Authentication.user(ctx);
    fairUse
        .answer(user.name(), message.text().length(), () -> take(answering, services, conversation, message, user, "rest"))
        .onSuccess(reply -> Responses.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  /**
   * Takes a turn on a worker thread (matching, facts and decisions are CPU work) and returns the
   * reply as JSON, remembering the answer for feedback.
   */
  static Future<ObjectNode> take(
      WorkerExecutor answering, Services services, Conversation conversation, Message message, User user, String channel) {
    return answering.executeBlocking(
        () -> {
          long start = System.nanoTime();
          Reply reply;
          int turn;
          // The turn and the number it gets are one step: two messages at once on one conversation
          // must not both read the count after both were recorded (and share an answer id).
          synchronized (conversation) {
            try {
              reply = services.dialogue().take(conversation, message);
            } catch (IllegalArgumentException e) {
              throw new ApiException(400, "Bad request", "field 'facts': " + e.getMessage()).field("facts");
            }
            turn = conversation.turnCount();
          }
          String answerId = ReplyJson.answerId(conversation.id(), turn);
          services.answers().remember(answerId, user.name(), reply.advice());
          services.metrics().answered(reply.advice(), Duration.ofNanos(System.nanoTime() - start), channel);
          return ReplyJson.reply(conversation.id(), turn, reply, answerId);
        },
        false);
  }

  private Conversation find(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return services
        .conversations()
        .find(id, Authentication.user(ctx).name())
        .orElseThrow(() -> new ApiException(404, "Not found", "no open conversation '" + id + "' for you (it may have expired)"));
  }

  static ObjectNode summary(Conversation conversation, Duration idle) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("id", conversation.id());
    json.put("role", conversation.role());
    json.put("created", conversation.created().toString());
    json.put("idle_timeout_seconds", idle.toSeconds());
    return json;
  }
}
