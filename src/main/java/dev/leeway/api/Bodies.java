package dev.leeway.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading request bodies the OpenAPI contract has already checked for shape. */
final class Bodies {

  private Bodies() {}

  /**
   * Every body the API takes is JSON. Anything else is refused here, naming the type that came,
   * rather than by the validator, which can only say the format is not supported.
   */
  static void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].strip();
    if (ctx.body().isEmpty() || !ctx.request().path().startsWith("/api/v1/") || media.equalsIgnoreCase("application/json")) {
      ctx.next();
      return;
    }
    ProblemResponses.send(
        ctx,
        415,
        "Unsupported media type",
        (type == null ? "the body has no Content-Type" : "Content-Type '" + type + "' is not accepted")
            + "; send the body as JSON with 'Content-Type: application/json'");
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
    try {
      return LocalDate.parse(today);
    } catch (DateTimeParseException e) {
      throw new ApiException(400, "Bad request", "field 'today': '" + today + "' is not a date like 2026-03-31").field("today");
    }
  }
}
