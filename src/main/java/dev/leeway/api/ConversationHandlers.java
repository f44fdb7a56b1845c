package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.chat.Conversation;
import dev.leeway.chat.Dialogue;
import dev.leeway.chat.Message;
import dev.leeway.chat.Reply;
import dev.leeway.chat.ReplyJson;
import dev.leeway.chat.Turn;
import dev.leeway.json.Json;
import io.vertx.core.Context;
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
    String customerId = Bodies.json(ctx).getString("customer_id");
    start(services, user, customerId)
        .onSuccess(
            conversation ->
                Responses.json(
                    ctx, 201, summary(conversation, services.conversations().idleTimeout())))
        .onFailure(ctx::fail);
  }

  /** Starts a conversation and answers once it is stored, so it can be resumed after a restart. */
  static Future<Conversation> start(Services services, User user, String customerId) {
    Conversation conversation = services.conversations().start(user.name(), user.role());
    if (customerId != null) {
      conversation.customerId(customerId);
    }
    return committed(services.archive().started(conversation)).map(v -> conversation);
  }

  void transcript(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    String id = ctx.pathParam("id");
    // A stored conversation is rebuilt from the store, and a long one is many answers to render:
    // not on the event loop.
    vertx
        .executeBlocking(() -> ReplyJson.transcript(find(services, id, user)), false)
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  void message(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    String id = ctx.pathParam("id");
    JsonObject body = Bodies.json(ctx);
    Message message =
        new Message(
            body.getString("text"),
            Bodies.facts(body),
            Bodies.today(body, services.clock()),
            Boolean.TRUE.equals(body.getBoolean("new_case")));
    String customerId = body.getString("customer_id");
    vertx
        .executeBlocking(() -> find(services, id, user), false)
        .compose(
            conversation ->
                fairUse.answer(
                    user.name(),
                    message.text().length(),
                    () ->
                        take(answering, services, conversation, message, user, customerId, "rest")))
        .onSuccess(reply -> Responses.json(ctx, 200, reply))
        .onFailure(ctx::fail);
  }

  /** {@code POST .../cases}: opens a new case; answers once it is stored. */
  void newCase(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    String id = ctx.pathParam("id");
    vertx
        .executeBlocking(() -> find(services, id, user), false)
        .compose(conversation -> newCase(vertx, services, conversation))
        .onSuccess(json -> Responses.json(ctx, 201, json))
        .onFailure(ctx::fail);
  }

  /**
   * Opens a new case in the conversation: its facts and any question waiting are dropped. Answers
   * {@code {"conversation_id", "case"}} once the case is stored.
   */
  static Future<ObjectNode> newCase(Vertx vertx, Services services, Conversation conversation) {
    Context caller = Vertx.currentContext();
    // The conversation's lock is held only briefly, but it is a lock: not on the event loop.
    return vertx
        .executeBlocking(() -> services.dialogue().newCase(conversation), false)
        .compose(
            number ->
                committed(caller, services.archive().caseOpened(conversation))
                    .map(
                        v ->
                            Json.json()
                                .createObjectNode()
                                .put("conversation_id", conversation.id())
                                .put("case", number)));
  }

  /**
   * Takes a turn on a worker thread (matching, facts and decisions are CPU work) and returns the
   * reply as JSON once the turn and its answer are stored.
   *
   * @param customerId names (or renames) the conversation's customer, or null to keep it
   */
  static Future<ObjectNode> take(
      WorkerExecutor answering,
      Services services,
      Conversation conversation,
      Message sent,
      User user,
      String customerId,
      String channel) {
    Context caller = Vertx.currentContext();
    return answering
        .executeBlocking(
            () -> {
              long start = System.nanoTime();
              // The customer belongs to the case: a message that opens one names its customer or
              // none, so the previous customer's budget usage is not read for it.
              boolean opens = Dialogue.saysNewCase(sent);
              if (customerId != null || opens) {
                conversation.customerId(customerId);
              }
              // Budget usage the ledger knows joins the turn's facts (those sent win), and is kept
              // with the turn, so the conversation rebuilds the same after a restart.
              Message message =
                  new Message(
                      sent.text(),
                      services
                          .archive()
                          .withUsage(
                              sent.context(),
                              conversation.role(),
                              user.name(),
                              conversation.customerId()),
                      sent.today(),
                      sent.newCase());
              // Not under the conversation's lock: the dialogue holds it only to read the state and
              // to apply the turn, so a second message to the conversation waits for no match.
              Turn turn;
              try {
                turn = services.dialogue().turn(conversation, message);
              } catch (IllegalArgumentException e) {
                throw new ApiException(400, "Bad request", "field 'facts': " + e.getMessage())
                    .field("facts");
              }
              if (turn.caseStarted() && !opens) {
                // Found to be another customer's case: the one named with it, or none yet.
                conversation.customerId(customerId);
              }
              Reply reply = turn.reply();
              String answerId = ReplyJson.answerId(conversation.id(), turn.number());
              if (reply.kind() != Reply.Kind.NEW_CASE) {
                // "next one" alone opened a case: no answer was asked for.
                services
                    .metrics()
                    .answered(reply.advice(), Duration.ofNanos(System.nanoTime() - start), channel);
              }
              ObjectNode json = ReplyJson.reply(conversation.id(), turn, answerId);
              return new Taken(turn, message, reply, json, answerId);
            },
            false)
        .compose(
            taken ->
                committed(
                        caller,
                        services
                            .archive()
                            .took(
                                conversation,
                                user,
                                taken.message(),
                                taken.turn().number(),
                                taken.turn().caseNumber(),
                                taken.turn().at(),
                                taken.reply().advice(),
                                taken.json(),
                                taken.answerId(),
                                channel))
                    .map(v -> taken.json()));
  }

  /** A store write's completion, back on the calling event loop (handlers' state lives there). */
  static <T> Future<T> committed(java.util.concurrent.CompletionStage<T> write) {
    return committed(Vertx.currentContext(), write);
  }

  static <T> Future<T> committed(Context context, java.util.concurrent.CompletionStage<T> write) {
    return context == null
        ? Future.fromCompletionStage(write)
        : Future.fromCompletionStage(write, context);
  }

  private record Taken(Turn turn, Message message, Reply reply, ObjectNode json, String answerId) {}

  /** The caller's conversation, open or stored (blocking); someone else's looks absent. */
  static Conversation find(Services services, String id, User user) {
    return services
        .conversations()
        .find(id, user.name())
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "Not found",
                    "no open conversation '" + id + "' for you (it may have expired)"));
  }

  static ObjectNode summary(Conversation conversation, Duration idle) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("id", conversation.id());
    json.put("role", conversation.role());
    json.put("created", conversation.created().toString());
    json.put("idle_timeout_seconds", idle.toSeconds());
    conversation.customerId().ifPresent(c -> json.put("customer_id", c));
    return json;
  }
}
