package dev.leeway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON built with the project's Jackson mapper. */
final class Responses {

  private Responses() {}

  static void json(RoutingContext ctx, int status, JsonNode body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(encode(body));
  }

  static String encode(JsonNode body) {
    try {
      return Json.json().writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a response", e);
    }
  }
}
