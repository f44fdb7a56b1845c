package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.json.Json;
import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.FeedbackRepository.FeedbackRow;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/answers/{id}}: an answer as it was recorded, with the feedback on it; for the
 * user it was given to, and for supervisors. It waits for the record's commit, so what it returns
 * is durable.
 */
final class AnswersHandler {

  private final Vertx vertx;
  private final Services services;

  AnswersHandler(Vertx vertx, Services services) {
    this.vertx = vertx;
    this.services = services;
  }

  void handle(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    String id = ctx.pathParam("id");
    boolean curator = GapsHandler.curator(services, user);
    vertx
        .executeBlocking(
            () -> {
              AnswerRow row =
                  services
                      .archive()
                      .answer(id)
                      .filter(a -> curator || a.user().equals(user.name()))
                      .orElseThrow(
                          () ->
                              new ApiException(404, "Not found", "no answer '" + id + "' for you"));
              ObjectNode json = Json.json().createObjectNode();
              json.put("id", row.id());
              json.put("at", row.at().toString());
              json.put("user", row.user());
              json.put("role", row.role());
              json.put("channel", row.channel());
              if (row.conversationId() != null) {
                json.put("conversation_id", row.conversationId());
                json.put("turn", row.turn());
              }
              if (row.customerId() != null) {
                json.put("customer_id", row.customerId());
              }
              json.put("today", row.today().toString());
              json.put("text", row.text());
              json.set("facts", Archive.parse(row.context()));
              json.put("content_version", row.contentVersion());
              json.put("outcome", row.outcome());
              json.set("answer", Archive.parse(row.answer()));
              ArrayNode feedback = json.putArray("feedback");
              for (FeedbackRow f :
                  services
                      .archive()
                      .store()
                      .read(c -> services.archive().store().feedback().forAnswer(c, id))) {
                ObjectNode v = feedback.addObject();
                v.put("at", f.at().toString()).put("user", f.user()).put("verdict", f.verdict());
                if (f.playId() != null) {
                  v.put("play_id", f.playId());
                }
                if (f.actionId() != null) {
                  v.put("action_id", f.actionId());
                }
                if (f.amount() != null) {
                  v.put("amount", f.amount());
                }
                if (f.rightPlayId() != null) {
                  v.put("right_play_id", f.rightPlayId());
                }
              }
              return json;
            },
            false)
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }
}
