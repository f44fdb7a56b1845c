package dev.leeway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.api.DraftsHandler.Reply;
import dev.leeway.auth.User;
import dev.leeway.curate.ContentHistory;
import dev.leeway.curate.PlayCatalogue;
import dev.leeway.json.Json;
import dev.leeway.playbook.ContentFiles;
import dev.leeway.playbook.PlayCodec;
import dev.leeway.playbook.PlayStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /api/v1/plays} and {@code /api/v1/authority}: the published plays and matrix for
 * supervisors, each file's history, diffs between revisions, rollback and retiring. Thin: {@link
 * PlayCatalogue} and {@link ContentHistory} do the work, on a worker thread.
 */
final class PlaysHandler {

  private final Vertx vertx;
  private final Services services;

  PlaysHandler(Vertx vertx, Services services) {
    this.vertx = vertx;
    this.services = services;
  }

  void list(RoutingContext ctx) {
    DraftsHandler.curator(ctx, services);
    PlayCatalogue.Filter filter = filter(ctx);
    LocalDate today = LocalDate.now(services.clock());
    DraftsHandler.answer(
        vertx,
        ctx,
        () -> {
          PlayCatalogue.Listing listing = services.workspace().plays().list(filter, today);
          ObjectNode json = Json.json().createObjectNode();
          json.put("revision", listing.revision());
          ArrayNode plays = json.putArray("plays");
          listing.plays().forEach(entry -> plays.add(WorkspaceJson.playSummary(entry)));
          return new Reply(200, json, null);
        });
  }

  void get(RoutingContext ctx) {
    DraftsHandler.curator(ctx, services);
    String id = ctx.pathParam("id");
    DraftsHandler.answer(
        vertx,
        ctx,
        () -> {
          PlayCatalogue.PlayFile file =
              services.workspace().plays().get(id).orElseThrow(() -> noPlay(id));
          ObjectNode json = Json.json().createObjectNode();
          json.put("id", id)
              .put("path", file.path())
              .put("revision", file.revision())
              .put("yaml", file.yaml());
          json.set("play", Json.json().valueToTree(PlayCodec.toTree(file.play())));
          json.put("history", file.history());
          return new Reply(200, json, "\"" + file.revision() + "\"");
        });
  }

  void history(RoutingContext ctx) {
    DraftsHandler.curator(ctx, services);
    String id = playId(ctx);
    DraftsHandler.answer(
        vertx,
        ctx,
        () -> {
          String path = playPath(id);
          return new Reply(
              200,
              WorkspaceJson.history(id, path, services.workspace().history().history(path)),
              null);
        });
  }

  void diff(RoutingContext ctx) {
    DraftsHandler.curator(ctx, services);
    String id = playId(ctx);
    diffOf(ctx, () -> playPath(id));
  }

  void rollback(RoutingContext ctx) {
    User user = DraftsHandler.curator(ctx, services);
    String id = playId(ctx);
    rollbackOf(ctx, user, () -> playPath(id));
  }

  /** The diff between two revisions of the file {@code path} names (worked out off the loop). */
  private void diffOf(RoutingContext ctx, java.util.function.Supplier<String> path) {
    long from = revision(ctx, "from").orElseThrow();
    Long to = revision(ctx, "to").orElse(null);
    DraftsHandler.answer(vertx, ctx, () -> diff(path.get(), from, to));
  }

  /** Stores the body's revision of the file {@code path} names as a new revision. */
  private void rollbackOf(RoutingContext ctx, User user, java.util.function.Supplier<String> path) {
    JsonObject body = Bodies.json(ctx);
    long revision = body.getLong("revision");
    String why = body.getString("why");
    DraftsHandler.answer(
        vertx,
        ctx,
        () ->
            saved(services.workspace().history().rollback(path.get(), revision, user.name(), why)));
  }

  void retire(RoutingContext ctx) {
    User user = DraftsHandler.curator(ctx, services);
    String id = playId(ctx);
    String why = Bodies.json(ctx).getString("why");
    DraftsHandler.answer(
        vertx, ctx, () -> saved(services.workspace().history().retire(id, user.name(), why)));
  }

  void authority(RoutingContext ctx) {
    DraftsHandler.curator(ctx, services);
    DraftsHandler.answer(
        vertx,
        ctx,
        () -> {
          var rows = services.workspace().history().history(ContentFiles.AUTHORITY);
          var latest = rows.get(0);
          ObjectNode json = Json.json().createObjectNode();
          json.put("path", ContentFiles.AUTHORITY)
              .put("revision", latest.revision())
              .put("yaml", latest.yaml())
              .put("history", rows.size());
          return new Reply(200, json, "\"" + latest.revision() + "\"");
        });
  }

  void authorityHistory(RoutingContext ctx) {
    DraftsHandler.curator(ctx, services);
    DraftsHandler.answer(
        vertx,
        ctx,
        () ->
            new Reply(
                200,
                WorkspaceJson.history(
                    null,
                    ContentFiles.AUTHORITY,
                    services.workspace().history().history(ContentFiles.AUTHORITY)),
                null));
  }

  void authorityDiff(RoutingContext ctx) {
    DraftsHandler.curator(ctx, services);
    diffOf(ctx, () -> ContentFiles.AUTHORITY);
  }

  void authorityRollback(RoutingContext ctx) {
    User user = DraftsHandler.curator(ctx, services);
    rollbackOf(ctx, user, () -> ContentFiles.AUTHORITY);
  }

  private Reply diff(String path, long from, Long to) {
    return switch (services.workspace().history().diff(path, from, to)) {
      case ContentHistory.Diffed diffed -> new Reply(200, WorkspaceJson.diff(diffed.diff()), null);
      case ContentHistory.UnknownRevision unknown ->
          throw new ApiException(404, "Not found", unknown.message());
    };
  }

  private static Reply saved(ContentHistory.Outcome outcome) {
    return switch (outcome) {
      case ContentHistory.Saved saved ->
          new Reply(200, Json.json().createObjectNode().put("revision", saved.revision()), null);
      case ContentHistory.Invalid invalid ->
          throw new ApiException(
                  422,
                  "Unprocessable content",
                  invalid.message()
                      + (invalid.problems().isEmpty()
                          ? ""
                          : ": " + invalid.problems().get(0).format()))
              .with("problems", WorkspaceJson.problems(invalid.problems()));
      case ContentHistory.NotFound notFound ->
          throw new ApiException(404, "Not found", notFound.message());
      case ContentHistory.Refused refused ->
          throw new ApiException(422, "Unprocessable content", refused.message());
      case ContentHistory.Conflict conflict ->
          throw new ApiException(409, "Conflict", conflict.message());
    };
  }

  private String playPath(String id) {
    return services.workspace().history().playPath(id).orElseThrow(() -> noPlay(id));
  }

  private static ApiException noPlay(String id) {
    return new ApiException(404, "Not found", "no play '" + id + "'");
  }

  private static String playId(RoutingContext ctx) {
    return ctx.pathParam("id");
  }

  private static Optional<Long> revision(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value == null) {
      if (name.equals("from")) {
        throw ApiException.badRequest("from: the revision to compare from is required")
            .field("from");
      }
      return Optional.empty();
    }
    try {
      long revision = Long.parseLong(value);
      if (revision < 1) {
        throw new NumberFormatException();
      }
      return Optional.of(revision);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": a revision number (1 or more), got '" + value + "'")
          .field(name);
    }
  }

  private static PlayCatalogue.Filter filter(RoutingContext ctx) {
    String status = ctx.request().getParam("status");
    Optional<PlayStatus> parsed = Optional.empty();
    if (status != null) {
      try {
        parsed = Optional.of(PlayStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
                "status: one of draft, in_review, published, retired; got '" + status + "'")
            .field("status");
      }
    }
    String review = ctx.request().getParam("review");
    if (review != null && !review.equals("overdue")) {
      throw ApiException.badRequest("review: only 'overdue'; got '" + review + "'").field("review");
    }
    return new PlayCatalogue.Filter(
        Optional.ofNullable(ctx.request().getParam("q")).filter(q -> !q.isBlank()),
        Optional.ofNullable(ctx.request().getParam("domain")),
        parsed,
        Optional.ofNullable(ctx.request().getParam("owner")),
        review != null);
  }
}
