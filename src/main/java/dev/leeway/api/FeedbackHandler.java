package dev.leeway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.auth.User;
import dev.leeway.config.ActionKind;
import dev.leeway.config.Role;
import dev.leeway.json.Json;
import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.FeedbackRepository.FeedbackRow;
import dev.leeway.store.LedgerRepository;
import dev.leeway.store.LedgerRepository.Grant;
import dev.leeway.store.LedgerRepository.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/v1/feedback}: used, helpful or wrong, about an answer this user was given. An
 * action marked used is a grant in the ledger, checked against the budgets it counts against.
 */
final class FeedbackHandler {

  private final Vertx vertx;
  private final Services services;

  FeedbackHandler(Vertx vertx, Services services) {
    this.vertx = vertx;
    this.services = services;
  }

  /** The checked request: the verdict, and the grant to record with it, if any. */
  private record Checked(
      FeedbackRow row, Optional<Grant> grant, List<LedgerRepository.Budget> budgets) {}

  void handle(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    JsonObject body = Bodies.json(ctx);
    vertx
        .executeBlocking(() -> check(user, body), false)
        .compose(
            checked ->
                ConversationHandlers.committed(
                    services.archive().feedback(checked.row(), checked.grant(), checked.budgets())))
        .onSuccess(
            outcome -> {
              switch (outcome) {
                case Outcome.Recorded r -> {
                  services.metrics().feedback(body.getString("verdict").toLowerCase(Locale.ROOT));
                  Responses.json(ctx, 202, Json.json().createObjectNode().put("recorded", true));
                }
                case Outcome.Refused refused ->
                    ctx.fail(
                        new ApiException(
                                409,
                                "Conflict",
                                "not recorded: " + refused.detail() + "; this needs approval")
                            .field("action_id"));
              }
            })
        .onFailure(ctx::fail);
  }

  /**
   * Checks the feedback against the stored answer (blocking: it may wait for the answer's commit).
   */
  private Checked check(User user, JsonObject body) {
    String answerId = body.getString("answer_id");
    AnswerRow given =
        services
            .archive()
            .answer(answerId)
            .filter(a -> a.user().equals(user.name()))
            .orElseThrow(
                () ->
                    new ApiException(404, "Not found", "no answer '" + answerId + "' for you")
                        .field("answer_id"));
    JsonNode answer = Archive.parse(given.answer());
    List<String> plays = new ArrayList<>();
    answer.path("plays").forEach(p -> plays.add(p.path("play_id").asText()));
    String playId = body.getString("play_id");
    if (playId != null && !plays.contains(playId)) {
      throw new ApiException(
              400,
              "Bad request",
              "field 'play_id': '"
                  + playId
                  + "' was not suggested in that answer (suggested: "
                  + String.join(", ", plays)
                  + ")")
          .field("play_id");
    }
    String actionId = body.getString("action_id");
    JsonNode action = null;
    if (actionId != null) {
      for (JsonNode p : answer.path("plays")) {
        if (p.path("play_id").asText().equals(playId)) {
          for (JsonNode a : p.path("actions")) {
            if (a.path("action_id").asText().equals(actionId)) {
              action = a;
            }
          }
        }
      }
      if (action == null) {
        throw new ApiException(
                400,
                "Bad request",
                "field 'action_id': '"
                    + actionId
                    + "' is not an action of the suggested play '"
                    + playId
                    + "'")
            .field("action_id");
      }
    }
    String right = body.getString("right_play_id");
    if (right != null && services.advisor().content().playbook().play(right).isEmpty()) {
      throw new ApiException(400, "Bad request", "field 'right_play_id': no play '" + right + "'")
          .field("right_play_id");
    }
    String verdict = body.getString("verdict").toLowerCase(Locale.ROOT);
    BigDecimal amount =
        body.getValue("amount") instanceof Number n ? new BigDecimal(n.toString()) : null;
    if (amount != null && (action == null || !verdict.equals("used"))) {
      throw new ApiException(
              400, "Bad request", "field 'amount': only an action marked used has an amount")
          .field("amount");
    }
    Optional<Grant> grant = Optional.empty();
    List<LedgerRepository.Budget> budgets = List.of();
    if (action != null && verdict.equals("used")) {
      String kind = action.path("kind").asText();
      boolean monetary =
          services
              .advisor()
              .content()
              .authority()
              .kind(kind)
              .map(ActionKind::monetary)
              .orElse(false);
      if (monetary && amount == null && action.hasNonNull("amount")) {
        // The answer knew the amount; that is what was given unless the agent says otherwise.
        amount = new BigDecimal(action.get("amount").asText());
      }
      if (monetary && amount == null) {
        throw new ApiException(
                400,
                "Bad request",
                "field 'amount': how much was given is needed to mark '"
                    + actionId
                    + "' ("
                    + kind
                    + ") used")
            .field("amount");
      }
      String currency = action.hasNonNull("currency") ? action.get("currency").asText() : null;
      Optional<Role> role = services.advisor().content().authority().role(given.role());
      budgets = role.map(r -> Archive.budgets(r, kind)).orElse(List.of());
      grant =
          Optional.of(
              new Grant(
                  answerId,
                  playId,
                  actionId,
                  user.name(),
                  services.clock().instant(),
                  given.customerId(),
                  kind,
                  monetary ? amount : null,
                  currency));
    }
    FeedbackRow row =
        new FeedbackRow(
            services.clock().instant(),
            user.name(),
            answerId,
            playId,
            actionId,
            verdict,
            right,
            body.getString("note"),
            amount);
    return new Checked(row, grant, budgets);
  }
}
