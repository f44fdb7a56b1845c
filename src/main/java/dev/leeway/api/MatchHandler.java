package dev.leeway.api;

import dev.leeway.match.MatchResult;
import dev.leeway.match.Matcher;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Supplier;

/** {@code POST /api/v1/match}: ranks the plays for a text, or says plainly that none fits. */
final class MatchHandler {
  static final int MAX_TEXT_CHARS = 4000;
  private static final Set<String> FIELDS = Set.of("text");

  private final WorkerExecutor answering;
  private final Supplier<Matcher> matcher;
  private final FairUse fairUse;

  MatchHandler(WorkerExecutor answering, Supplier<Matcher> matcher, FairUse fairUse) {
    this.answering = answering;
    this.matcher = matcher;
    this.fairUse = fairUse;
  }

  void handle(RoutingContext ctx) {
    String text = textOf(ctx);
    Matcher current = matcher.get();
    // Analysis, embedding and search are CPU-bound: keep them off the event loop.
    fairUse
        .answer(
            Authentication.user(ctx).name(),
            text.length(),
            () -> answering.executeBlocking(() -> current.match(text), false))
        .onSuccess(result -> ctx.json(toJson(result)))
        .onFailure(ctx::fail);
  }

  private static String textOf(RoutingContext ctx) {
    Object parsed;
    try {
      parsed =
          ctx.body().buffer() == null
              ? null
              : io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
    } catch (DecodeException e) {
      throw ApiException.badRequest("body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (parsed == null) {
      throw ApiException.badRequest("body is missing: send a JSON object like {\"text\": \"...\"}");
    }
    if (!(parsed instanceof JsonObject body)) {
      throw ApiException.badRequest(
          "body must be a JSON object like {\"text\": \"...\"}, not " + jsonType(parsed));
    }
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw ApiException.badRequest("unknown field '" + field + "' (known: text)");
      }
    }
    Object text = body.getValue("text");
    if (!(text instanceof String s)) {
      throw ApiException.badRequest(
          text == null ? "field 'text' is required" : "field 'text' must be a string");
    }
    if (s.isBlank()) {
      throw ApiException.badRequest("field 'text' is empty");
    }
    if (s.length() > MAX_TEXT_CHARS) {
      throw new ApiException(
          413,
          "Payload too large",
          "field 'text' has " + s.length() + " characters; the limit is " + MAX_TEXT_CHARS);
    }
    return s;
  }

  static JsonObject toJson(MatchResult result) {
    JsonArray candidates = new JsonArray();
    for (MatchResult.Candidate c : result.candidates()) {
      candidates.add(
          new JsonObject()
              .put("play_id", c.playId())
              .put("title", c.title())
              .put("version", c.playVersion())
              .put("confidence", round(c.confidence()))
              .put("signals", signals(c.signals())));
    }
    JsonObject json = new JsonObject().put("candidates", candidates);
    return switch (result) {
      case MatchResult.Matched m -> json.put("outcome", "matched").put("best", m.best().playId());
      case MatchResult.NoMatch n -> json.put("outcome", "no_match").put("reason", n.reason());
      case MatchResult.Vague v ->
          json.put("outcome", "vague").put("reason", v.reason()).put("plays", v.plays());
    };
  }

  private static JsonObject signals(MatchResult.Signals s) {
    JsonObject json =
        new JsonObject().put("semantic", round(s.semantic())).put("lexical", round(s.lexical()));
    if (s.similarity() != null) {
      json.put("similarity", round(s.similarity())).put("nearest_example", s.nearestExample());
    }
    return json;
  }

  private static String jsonType(Object value) {
    return switch (value) {
      case JsonArray a -> "an array";
      case String s -> "a string";
      case Number n -> "a number";
      case Boolean b -> "a boolean";
      default -> "a " + value.getClass().getSimpleName();
    };
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed JSON";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
