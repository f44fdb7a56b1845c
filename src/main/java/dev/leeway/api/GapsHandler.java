package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.json.Json;
import dev.leeway.store.GapRepository.GapRow;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/gaps}: what no play fitted lately, from the store; for the top role, who
 * curates plays.
 */
final class GapsHandler {

  /** How many of the latest gaps one read returns. */
  static final int LATEST = 1000;

  private final Vertx vertx;
  private final Services services;

  GapsHandler(Vertx vertx, Services services) {
    this.vertx = vertx;
    this.services = services;
  }

  /** Whether the user's role is the top of the approval chain: a curator. */
  static boolean curator(Services services, User user) {
    return services
        .advisor()
        .content()
        .authority()
        .role(user.role())
        .map(r -> r.approver() == null)
        .orElse(false);
  }

  void handle(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    if (!curator(services, user)) {
      throw new ApiException(
          403,
          "Forbidden",
          "gaps are for supervisors; a " + user.role() + " token may not read them");
    }
    vertx
        .executeBlocking(() -> services.archive().gaps(LATEST), false)
        .onSuccess(
            found -> {
              ObjectNode json = Json.json().createObjectNode();
              json.put("total", found.total());
              ArrayNode gaps = json.putArray("gaps");
              for (GapRow gap : found.latest()) {
                ObjectNode g = gaps.addObject();
                g.put("at", gap.at().toString()).put("source", gap.source());
                if (gap.conversationId() != null) {
                  g.put("conversation_id", gap.conversationId());
                }
                g.put("role", gap.role()).put("text", gap.text()).put("reason", gap.reason());
                ArrayNode nearest = g.putArray("nearest");
                gap.nearest().forEach(nearest::add);
              }
              Responses.json(ctx, 200, json);
            })
        .onFailure(ctx::fail);
  }
}
