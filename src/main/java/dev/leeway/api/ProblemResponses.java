package dev.leeway.api;

import dev.leeway.store.StoreException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one failure handler: every error leaves as RFC 9457 problem+json, never a stack trace. */
final class ProblemResponses {
  private static final Logger LOG = Logger.getLogger(ProblemResponses.class.getName());

  private ProblemResponses() {}

  /** What the router itself refused with {@code status}, before or outside any route. */
  static void routerError(RoutingContext ctx, int status, long maxBodyBytes) {
    handle(ctx, status, maxBodyBytes);
  }

  static void handle(RoutingContext ctx, long maxBodyBytes) {
    handle(ctx, ctx.statusCode(), maxBodyBytes);
  }

  private static void handle(RoutingContext ctx, int statusCode, long maxBodyBytes) {
    Throwable failure = ctx.failure();
    // The OpenAPI router wraps what its validator found in an HTTP 400.
    if (failure instanceof io.vertx.ext.web.handler.HttpException http
        && http.getCause() instanceof io.vertx.openapi.validation.ValidatorException invalid) {
      failure = ValidationProblems.of(invalid);
    }
    int status;
    String title;
    String detail;
    String field = null;
    java.util.Map<String, Object> members = java.util.Map.of();
    if (clientLeft(ctx, failure)) {
      // Nobody is left to answer, and a client that hangs up mid-body is not the server's fault.
      LOG.log(
          Level.FINE,
          "client left during " + ctx.request().method() + " " + ctx.request().path(),
          failure);
      return;
    }
    if (failure instanceof ApiException api) {
      if (api.retryAfterSeconds() > 0 && !ctx.response().headWritten()) {
        ctx.response().putHeader("Retry-After", Long.toString(api.retryAfterSeconds()));
      }
      status = api.status();
      title = api.title();
      detail = api.getMessage();
      field = api.field();
      members = api.members();
    } else if (statusCode == 413) {
      status = 413;
      title = "Payload too large";
      detail = "the request body is over the server's limit of " + maxBodyBytes + " bytes";
    } else if (statusCode >= 400 && statusCode < 500) {
      status = statusCode;
      title = "Request refused";
      detail =
          failure != null && failure.getMessage() != null
              ? failure.getMessage()
              : status == 400
                  ? "the request could not be read; check the path's percent-encoding (a % must be"
                      + " followed by two hex digits)"
                  : "the request could not be handled";
    } else if (storeProblem(failure) instanceof StoreException store) {
      // The store refused (a full disk, a database that is down): said in full in the log, once,
      // without a stack trace; the client learns that nothing was kept and to retry.
      status = 503;
      title = "Store unavailable";
      detail =
          "the server could not store this request, so nothing of it was kept; retry later (the"
              + " cause has been logged)";
      ctx.response().putHeader("Retry-After", "5");
      LOG.severe(
          "request failed: "
              + ctx.request().method()
              + " "
              + ctx.request().path()
              + ": "
              + store.getMessage());
    } else {
      status = 500;
      title = "Internal error";
      detail = "the server could not answer; the error has been logged";
      LOG.log(
          Level.SEVERE,
          "request failed: " + ctx.request().method() + " " + ctx.request().path(),
          failure);
    }
    send(ctx, status, title, detail, field, members);
  }

  /** The store's refusal behind a failure, if that is what it was. */
  private static StoreException storeProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StoreException store) {
        return store;
      }
    }
    return null;
  }

  /** Whether the request failed because its client closed the connection. */
  private static boolean clientLeft(RoutingContext ctx, Throwable failure) {
    if (failure instanceof io.vertx.core.http.HttpClosedException
        || failure instanceof io.vertx.core.VertxException v
            && "Connection was closed".equals(v.getMessage())) {
      return true;
    }
    return ctx.request().connection() != null && ctx.response().closed();
  }

  static void send(RoutingContext ctx, int status, String title, String detail) {
    send(ctx, status, title, detail, null);
  }

  static void send(RoutingContext ctx, int status, String title, String detail, String field) {
    send(ctx, status, title, detail, field, java.util.Map.of());
  }

  static void send(
      RoutingContext ctx,
      int status,
      String title,
      String detail,
      String field,
      java.util.Map<String, Object> members) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    JsonObject problem =
        new JsonObject()
            .put("type", "about:blank")
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("instance", ctx.request().path());
    if (field != null) {
      problem.put("field", field);
    }
    members.forEach(
        (name, value) ->
            problem.put(
                name,
                value instanceof com.fasterxml.jackson.databind.JsonNode tree
                    ? io.vertx.core.json.Json.decodeValue(Responses.encode(tree))
                    : value));
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/problem+json")
        .end(problem.encode());
  }
}
