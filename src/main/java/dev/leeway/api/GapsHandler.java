package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.chat.Gap;
import dev.leeway.json.Json;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/gaps}: what no play fitted lately; for the top role, who curates plays. */
final class GapsHandler {

  private final Services services;

  GapsHandler(Services services) {
    this.services = services;
  }

  void handle(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    boolean curator = services.advisor().content().authority().role(user.role()).map(r -> r.approver() == null).orElse(false);
    if (!curator) {
      throw new ApiException(403, "Forbidden", "gaps are for supervisors; a " + user.role() + " token may not read them");
    }
    ObjectNode json = Json.json().createObjectNode();
    json.put("total", services.gaps().total());
    ArrayNode gaps = json.putArray("gaps");
    for (Gap gap : services.gaps().recent()) {
      ObjectNode g = gaps.addObject();
      g.put("at", gap.at().toString()).put("conversation_id", gap.conversationId()).put("role", gap.role()).put("text", gap.text()).put("reason", gap.reason());
      ArrayNode nearest = g.putArray("nearest");
      gap.nearest().forEach(nearest::add);
    }
    Responses.json(ctx, 200, json);
  }
}
