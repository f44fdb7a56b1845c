package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.json.Json;
import dev.leeway.store.AuditAction;
import dev.leeway.store.AuditLog;
import dev.leeway.store.Store;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/audit}: the latest records of the audit log, newest first, optionally of one
 * actor or one action; for the top role, as gaps are.
 */
final class AuditHandler {

  /** How many records a read returns when the caller does not say. */
  static final int DEFAULT_LIMIT = 100;

  private final Vertx vertx;
  private final Services services;

  AuditHandler(Vertx vertx, Services services) {
    this.vertx = vertx;
    this.services = services;
  }

  void handle(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    if (!GapsHandler.curator(services, user)) {
      throw new ApiException(
          403,
          "Forbidden",
          "the audit log is for supervisors; a " + user.role() + " token may not read it");
    }
    AuditLog.Query query = query(ctx);
    Store store = services.archive().store();
    record Found(List<AuditLog.Entry> latest, long total) {}
    vertx
        .executeBlocking(
            () ->
                store.read(c -> new Found(store.audit().latest(c, query), store.audit().count(c))),
            false)
        .onSuccess(
            found -> {
              ObjectNode json = Json.json().createObjectNode();
              json.put("total", found.total());
              ArrayNode entries = json.putArray("entries");
              for (AuditLog.Entry e : found.latest()) {
                entries
                    .addObject()
                    .put("seq", e.seq())
                    .put("at", e.at().toString())
                    .put("actor", e.actor())
                    .put("action", e.action().label())
                    .put("subject", e.subject())
                    .put("detail", e.detail());
              }
              Responses.json(ctx, 200, json);
            })
        .onFailure(ctx::fail);
  }

  /** The query's parameters; the OpenAPI description has already checked their form. */
  private static AuditLog.Query query(RoutingContext ctx) {
    String limit = ctx.request().getParam("limit");
    String action = ctx.request().getParam("action");
    Optional<AuditAction> parsed = Optional.empty();
    if (action != null) {
      parsed = AuditAction.parse(action);
      if (parsed.isEmpty()) {
        throw ApiException.badRequest(
                "action: unknown '" + action + "' (actions: " + AuditAction.labels() + ")")
            .field("action");
      }
    }
    int n;
    try {
      n = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > AuditLog.MAX_READ) {
      throw ApiException.badRequest(
              "limit: from 1 to " + AuditLog.MAX_READ + ", got '" + limit + "'")
          .field("limit");
    }
    return new AuditLog.Query(Optional.ofNullable(ctx.request().getParam("actor")), parsed, n);
  }
}
