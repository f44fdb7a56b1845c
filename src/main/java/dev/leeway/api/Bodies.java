package dev.leeway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.json.Json;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reading request bodies the OpenAPI contract has already checked for shape. */
final class Bodies {

  /** The longest id (conversation, answer) a request may name. */
  static final int MAX_ID_CHARS = 64;

  /** The earliest {@code today} a request may set. */
  static final LocalDate MIN_TODAY = LocalDate.of(2000, 1, 1);

  /** The latest {@code today} a request may set. */
  static final LocalDate MAX_TODAY = LocalDate.of(2199, 12, 31);

  private Bodies() {}

  /**
   * A form (multipart or URL-encoded) is 415 wherever it is sent, as nothing here takes one;
   * returns whether the request was answered so.
   */
  static boolean refuseForm(HttpServerRequest request) {
    String type = request.getHeader("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("multipart/form-data")
        && !media.equals("application/x-www-form-urlencoded")) {
      return false;
    }
    JsonObject problem =
        new JsonObject()
            .put("type", "about:blank")
            .put("title", "Unsupported media type")
            .put("status", 415)
            .put(
                "detail",
                "Content-Type '"
                    + type
                    + "' is not accepted; send the body as JSON with 'Content-Type: application/json'")
            .put("instance", request.path());
    // The body is not read: the connection closes after the answer rather than drain it.
    request
        .response()
        .setStatusCode(415)
        .putHeader("content-type", "application/problem+json")
        .putHeader("connection", "close")
        .end(problem.encode());
    return true;
  }

  /**
   * Every body the API takes is JSON. Anything else is refused here, naming the type that came,
   * rather than by the validator, which can only say the format is not supported (or, for a form,
   * that the body is missing). The media type is matched in any case, with any parameters.
   *
   * <p>The JSON itself is then read once with the project's strict mapper: the validator's parser
   * would take a key written twice (keeping the last) and comments, and both are refused here.
   */
  static void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    boolean api = ctx.request().path().startsWith("/api/v1/");
    boolean hasBody = !ctx.body().isEmpty() || (type != null && !media.isEmpty());
    if (!api || !hasBody) {
      ctx.next();
      return;
    }
    if (!media.equals("application/json")) {
      ProblemResponses.send(
          ctx,
          415,
          "Unsupported media type",
          (type == null
                  ? "the body has no Content-Type"
                  : "Content-Type '" + type + "' is not accepted")
              + "; send the body as JSON with 'Content-Type: application/json'");
      return;
    }
    if (!type.equals("application/json")) {
      // The validator compares media types exactly; "APPLICATION/JSON; charset=utf-8" is the same
      // type.
      ctx.request().headers().set("Content-Type", "application/json");
    }
    if (!ctx.body().isEmpty()) {
      strictTree(ctx.body().asString());
    }
    ctx.next();
  }

  /**
   * A JSON object read strictly: no duplicate keys, no comments, nothing after it.
   *
   * @throws ApiException (400) naming what is wrong and where
   */
  static JsonObject strictObject(String text) {
    JsonNode tree = strictTree(text);
    if (tree == null || !tree.isObject()) {
      throw ApiException.badRequest("body must be a JSON object like {\"text\": \"...\"}");
    }
    return new JsonObject(Json.json().convertValue(tree, Map.class));
  }

  private static JsonNode strictTree(String text) {
    try {
      return Json.json().readTree(text);
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage();
      if (why != null && why.startsWith("Duplicate field")) {
        throw ApiException.badRequest(
            "body is not valid JSON: "
                + why.replace("Duplicate field", "duplicate key")
                + " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr());
      }
      String at =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw ApiException.badRequest("body is not valid JSON" + at + ": " + firstLine(why));
    }
  }

  static JsonObject json(RoutingContext ctx) {
    JsonObject body = ctx.body().isEmpty() ? null : ctx.body().asJsonObject();
    return body == null ? new JsonObject() : body;
  }

  /** The {@code facts} object as name to raw value. */
  static Map<String, Object> facts(JsonObject body) {
    JsonObject facts = body.getJsonObject("facts");
    Map<String, Object> map = new LinkedHashMap<>();
    if (facts != null) {
      facts.forEach(e -> map.put(e.getKey(), e.getValue()));
    }
    return map;
  }

  static LocalDate today(JsonObject body, java.time.Clock clock) {
    String today = body.getString("today");
    if (today == null) {
      return LocalDate.now(clock);
    }
    LocalDate date;
    try {
      date = LocalDate.parse(today);
    } catch (DateTimeParseException e) {
      throw new ApiException(
              400, "Bad request", "field 'today': '" + today + "' is not a date like 2026-03-31")
          .field("today");
    }
    if (date.isBefore(MIN_TODAY) || date.isAfter(MAX_TODAY)) {
      throw new ApiException(
              400,
              "Bad request",
              "field 'today': " + today + " is outside " + MIN_TODAY + " to " + MAX_TODAY)
          .field("today");
    }
    return date;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed JSON";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
