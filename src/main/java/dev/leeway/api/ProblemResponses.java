package dev.leeway.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one failure handler: every error leaves as RFC 9457 problem+json, never a stack trace. */
final class ProblemResponses {
  private static final Logger LOG = Logger.getLogger(ProblemResponses.class.getName());

  private ProblemResponses() {}

  static void handle(RoutingContext ctx, long maxBodyBytes) {
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
    if (failure instanceof ApiException api) {
      status = api.status();
      title = api.title();
      detail = api.getMessage();
      field = api.field();
    } else if (ctx.statusCode() == 413) {
      status = 413;
      title = "Payload too large";
      detail = "the request body is over the server's limit of " + maxBodyBytes + " bytes";
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      status = ctx.statusCode();
      title = "Request refused";
      detail = failure == null ? "the request could not be handled" : failure.getMessage();
    } else {
      status = 500;
      title = "Internal error";
      detail = "the server could not answer; the error has been logged";
      LOG.log(Level.SEVERE, "request failed: " + ctx.request().method() + " " + ctx.request().path(), failure);
    }
    send(ctx, status, title, detail, field);
  }

  static void send(RoutingContext ctx, int status, String title, String detail) {
    send(ctx, status, title, detail, null);
  }

  static void send(RoutingContext ctx, int status, String title, String detail, String field) {
    if (ctx.response().ended()) {
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
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/problem+json")
        .end(problem.encode());
  }
}
