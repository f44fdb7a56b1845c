package dev.leeway.api;

import dev.leeway.auth.User;
import dev.leeway.chat.Answers;
import dev.leeway.chat.Feedback;
import dev.leeway.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** {@code POST /api/v1/feedback}: used, helpful or wrong, about an answer this user was given. */
final class FeedbackHandler {

  private final Services services;

  FeedbackHandler(Services services) {
    this.services = services;
  }

  void handle(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    JsonObject body = Bodies.json(ctx);
    String answerId = body.getString("answer_id");
    Answers.Given given =
        services
            .answers()
            .find(answerId)
            .filter(g -> g.user().equals(user.name()))
            .orElseThrow(() -> new ApiException(404, "Not found", "no recent answer '" + answerId + "' for you").field("answer_id"));
    String playId = body.getString("play_id");
    if (playId != null && !given.playIds().contains(playId)) {
      throw new ApiException(400, "Bad request", "field 'play_id': '" + playId + "' was not suggested in that answer (suggested: " + String.join(", ", given.playIds()) + ")")
          .field("play_id");
    }
    String actionId = body.getString("action_id");
    if (actionId != null && (playId == null || !given.actionIds().contains(playId + "/" + actionId))) {
      throw new ApiException(400, "Bad request", "field 'action_id': '" + actionId + "' is not an action of the suggested play '" + playId + "'")
          .field("action_id");
    }
    String right = body.getString("right_play_id");
    if (right != null && services.advisor().content().playbook().play(right).isEmpty()) {
      throw new ApiException(400, "Bad request", "field 'right_play_id': no play '" + right + "'").field("right_play_id");
    }
    Feedback.Verdict verdict = Feedback.Verdict.valueOf(body.getString("verdict").toUpperCase(Locale.ROOT));
    services.feedback().record(new Feedback(services.clock().instant(), user.name(), answerId, playId, actionId, verdict, right, body.getString("note")));
    services.metrics().feedback(verdict.name().toLowerCase(Locale.ROOT));
    Responses.json(ctx, 202, Json.json().createObjectNode().put("recorded", true));
  }
}
