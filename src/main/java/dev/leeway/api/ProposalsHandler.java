package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.insights.Proposals;
import dev.leeway.insights.Proposals.Proposal;
import dev.leeway.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/proposals} (phrasings agents confirmed, proposed as new examples of a play)
 * and {@code POST /api/v1/proposals/dismiss}; for the top role only. The work is {@link
 * Proposals}'s, on worker threads.
 */
final class ProposalsHandler {

  private final Vertx vertx;
  private final Services services;
  private final Proposals proposals;

  ProposalsHandler(Vertx vertx, Services services) {
    this.vertx = vertx;
    this.services = services;
    this.proposals = new Proposals(services.archive().store());
  }

  void list(RoutingContext ctx) {
    curator(ctx);
    vertx
        .executeBlocking(() -> proposals.list(services.advisor().content().playbook()), false)
        .onSuccess(
            found -> {
              ObjectNode json = Json.json().createObjectNode();
              ArrayNode list = json.putArray("proposals");
              for (Proposal p : found) {
                list.addObject()
                    .put("play_id", p.playId())
                    .put("text", p.text())
                    .put("source", p.source().id())
                    .put("count", p.count())
                    .put("latest", p.latest().toString());
              }
              Responses.json(ctx, 200, json);
            })
        .onFailure(ctx::fail);
  }

  void dismiss(RoutingContext ctx) {
    User user = curator(ctx);
    JsonObject body = Bodies.json(ctx);
    String playId = body.getString("play_id");
    String text = body.getString("text");
    if (services.advisor().content().playbook().play(playId).isEmpty()) {
      throw new ApiException(404, "Not found", "field 'play_id': no play '" + playId + "'")
          .field("play_id");
    }
    if (Proposals.key(text).isEmpty()) {
      throw ApiException.badRequest("field 'text': has no words to compare; nothing was dismissed")
          .field("text");
    }
    ConversationHandlers.committed(
            proposals.dismiss(playId, text, user.name(), services.clock().instant()))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private User curator(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    if (!GapsHandler.curator(services, user)) {
      throw new ApiException(
          403,
          "Forbidden",
          "proposed examples are for supervisors; a token with the role '"
              + user.role()
              + "' may not read or dismiss them");
    }
    return user;
  }
}
