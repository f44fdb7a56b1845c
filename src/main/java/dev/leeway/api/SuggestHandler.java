package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.chat.Advice;
import dev.leeway.chat.AdviceJson;
import dev.leeway.chat.Question;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.Role;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code POST /api/v1/suggest}: one question, one answer, the same shape as {@code ask --json}. */
final class SuggestHandler {

  private final WorkerExecutor answering;
  private final Services services;
  private final FairUse fairUse;

  SuggestHandler(WorkerExecutor answering, Services services, FairUse fairUse) {
    this.answering = answering;
    this.services = services;
    this.fairUse = fairUse;
  }

  void handle(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    JsonObject body = Bodies.json(ctx);
    String role = body.getString("role", user.role());
    checkRole(user, role);
    Optional<String> customerId = Optional.ofNullable(body.getString("customer_id"));
    Map<String, Object> sent = Bodies.facts(body);
    String text = body.getString("text");
    java.time.LocalDate today = Bodies.today(body, services.clock());
    fairUse
        .answer(
            user.name(),
            text.length(),
            () ->
                answering.executeBlocking(
                    () -> {
                      long start = System.nanoTime();
                      // Budget usage the ledger knows, unless the caller sent it: agents need not
                      // remember.
                      Question question =
                          new Question(
                              text,
                              services.archive().suggestionsUseStore()
                                  ? services
                                      .archive()
                                      .withUsage(sent, role, user.name(), customerId)
                                  : sent,
                              role,
                              today);
                      Advice advice;
                      try {
                        advice = services.advisor().advise(question);
                      } catch (IllegalArgumentException e) {
                        throw new ApiException(
                                400, "Bad request", "field 'facts': " + e.getMessage())
                            .field("facts");
                      }
                      // Not a secret (feedback is checked against its user), so no SecureRandom on
                      // the hot path.
                      String answerId =
                          new UUID(
                                  java.util.concurrent.ThreadLocalRandom.current().nextLong(),
                                  java.util.concurrent.ThreadLocalRandom.current().nextLong())
                              .toString();
                      services
                          .metrics()
                          .answered(advice, Duration.ofNanos(System.nanoTime() - start), "suggest");
                      ObjectNode json = AdviceJson.of(advice);
                      json.put("answer_id", answerId);
                      // Recorded off the critical path: the id goes out before the record commits,
                      // and
                      // reading the answer or giving feedback on it waits for the commit.
                      services.archive().suggested(answerId, user, advice, json, customerId);
                      return json;
                    },
                    false))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** A token may ask as its own role, or as any role it is an approver for. */
  private void checkRole(User user, String role) {
    AuthorityMatrix authority = services.advisor().content().authority();
    if (authority.role(role).isEmpty()) {
      throw new ApiException(
              400,
              "Bad request",
              "field 'role': unknown role '"
                  + role
                  + "' (roles: "
                  + String.join(", ", authority.roles().keySet())
                  + ")")
          .field("role");
    }
    boolean approves =
        authority.approvalChain(role).stream().map(Role::id).anyMatch(user.role()::equals);
    if (!role.equals(user.role()) && !approves) {
      throw new ApiException(
              403,
              "Forbidden",
              "a "
                  + user.role()
                  + " token may not ask as "
                  + role
                  + "; only as its own role or one it approves for")
          .field("role");
    }
  }
}
