package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.insights.CachedVectors;
import dev.leeway.insights.Figure;
import dev.leeway.insights.GapGroup;
import dev.leeway.insights.GapGrouping;
import dev.leeway.insights.GapItem;
import dev.leeway.insights.GapQueue;
import dev.leeway.insights.Insights;
import dev.leeway.insights.Period;
import dev.leeway.insights.Report;
import dev.leeway.insights.TextVectors;
import dev.leeway.insights.WordVectors;
import dev.leeway.json.Json;
import dev.leeway.match.SentenceEmbedder;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The supervisors' figures: {@code GET /api/v1/insights} (every figure, JSON), {@code GET
 * /api/v1/insights/{figure}} (one, JSON or CSV) and {@code GET /api/v1/gaps/groups} (the gaps
 * queue). For the top role only; the store is read on worker threads.
 */
final class InsightsHandler {

  /** How many texts' sentence vectors are kept between reads of the gaps queue. */
  static final int VECTORS_KEPT = 20_000;

  private final Vertx vertx;
  private final Services services;
  private final TextVectors words = new CachedVectors(new WordVectors(), VECTORS_KEPT);
  private volatile Optional<SentenceEmbedder> embedderSeen;
  private volatile TextVectors sentences;
  private final Insights insights;

  InsightsHandler(Vertx vertx, Services services) {
    this.vertx = vertx;
    this.services = services;
    this.insights = new Insights(services.archive().store());
  }

  void all(RoutingContext ctx) {
    Period period = period(ctx);
    vertx
        .executeBlocking(() -> report(period), false)
        .onSuccess(report -> Responses.json(ctx, 200, report.json()))
        .onFailure(ctx::fail);
  }

  void figure(RoutingContext ctx) {
    Period period = period(ctx);
    Figure figure =
        Figure.byId(ctx.pathParam("figure"))
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                            "figure: unknown '"
                                + ctx.pathParam("figure")
                                + "'; known: "
                                + String.join(
                                    ", ",
                                    java.util.Arrays.stream(Figure.values())
                                        .map(Figure::id)
                                        .toList()))
                        .field("figure"));
    boolean csv = wantsCsv(ctx);
    vertx
        .executeBlocking(() -> report(period), false)
        .onSuccess(
            report -> {
              if (csv) {
                ctx.response()
                    .setStatusCode(200)
                    .putHeader("content-type", "text/csv; charset=utf-8")
                    .putHeader(
                        "content-disposition",
                        "attachment; filename=\""
                            + figure.id()
                            + "-"
                            + period.from()
                            + "-"
                            + period.to()
                            + ".csv\"")
                    .end(report.table(figure).csv());
              } else {
                Responses.json(ctx, 200, report.json(figure));
              }
            })
        .onFailure(ctx::fail);
  }

  void gapGroups(RoutingContext ctx) {
    Period period = period(ctx);
    vertx
        .executeBlocking(
            () ->
                new GapQueue(
                        services.archive().store(),
                        new GapGrouping(vectors(), GapGrouping.THRESHOLD))
                    .read(period),
            false)
        .onSuccess(queue -> Responses.json(ctx, 200, json(period, queue)))
        .onFailure(ctx::fail);
  }

  private Report report(Period period) {
    return insights.report(period, services.advisor().content(), today());
  }

  private Period period(RoutingContext ctx) {
    User user = Authentication.user(ctx);
    if (!GapsHandler.curator(services, user)) {
      throw new ApiException(
          403,
          "Forbidden",
          "insights are for supervisors; a token with the role '"
              + user.role()
              + "' may not read them");
    }
    try {
      return Period.of(ctx.queryParams().get("from"), ctx.queryParams().get("to"), today());
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw ApiException.badRequest(message).field(message.startsWith("to") ? "to" : "from");
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(services.clock().instant(), ZoneOffset.UTC);
  }

  private static boolean wantsCsv(RoutingContext ctx) {
    String format = ctx.queryParams().get("format");
    if (format != null) {
      return format.equals("csv");
    }
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
  }

  /** The matcher's sentence vectors, or word vectors when it matches on words alone. */
  private TextVectors vectors() {
    Optional<SentenceEmbedder> embedder = services.matcher().embedder();
    if (embedder.isEmpty()) {
      return words;
    }
    if (!embedder.equals(embedderSeen)) {
      SentenceEmbedder e = embedder.get();
      sentences = new CachedVectors(e::embedQuery, VECTORS_KEPT);
      embedderSeen = embedder;
    }
    return sentences;
  }

  private static ObjectNode json(Period period, GapQueue.Queue queue) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("from", period.from().toString());
    json.put("to", period.to().toString());
    json.put("items", queue.items());
    json.put("threshold", GapGrouping.THRESHOLD);
    ArrayNode groups = json.putArray("groups");
    for (GapGroup group : queue.groups()) {
      ObjectNode g = groups.addObject();
      g.put("count", group.count());
      g.put("latest", group.latest().toString());
      ObjectNode sources = g.putObject("sources");
      for (GapItem.Source source : GapItem.Source.values()) {
        sources.put(source.id(), group.sources().getOrDefault(source, 0));
      }
      ArrayNode plays = g.putArray("plays");
      for (Map.Entry<String, Integer> play : group.plays()) {
        plays.addObject().put("play_id", play.getKey()).put("count", play.getValue());
      }
      ArrayNode examples = g.putArray("examples");
      for (GapItem item : group.examples()) {
        ObjectNode e = examples.addObject();
        e.put("at", item.at().toString());
        e.put("source", item.source().id());
        e.put("role", item.role());
        e.put("text", item.text());
        item.play().ifPresent(p -> e.put("play_id", p));
      }
    }
    return json;
  }
}
