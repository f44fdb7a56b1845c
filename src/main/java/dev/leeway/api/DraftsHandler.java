package dev.leeway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.curate.Drafts;
import dev.leeway.json.Json;
import dev.leeway.playbook.PlayCodec;
import dev.leeway.store.DraftRepository.DraftRow;
import dev.leeway.store.DraftRepository.State;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/drafts}: supervisors' drafts of plays and of the authority matrix, and their
 * workflow (submit, return, approve, discard, publish). Thin: {@link Drafts} does the work, on a
 * worker thread.
 */
final class DraftsHandler {

  /** What a handler answers: a status, a body and, for a draft, its ETag. */
  record Reply(int status, JsonNode body, String etag) {}

  private final Vertx vertx;
  private final Services services;

  DraftsHandler(Vertx vertx, Services services) {
    this.vertx = vertx;
    this.services = services;
  }

  /** The user, if a curator; 403 otherwise. */
  static User curator(RoutingContext ctx, Services services) {
    User user = Authentication.user(ctx);
    if (!GapsHandler.curator(services, user)) {
      throw new ApiException(
          403,
          "Forbidden",
          "the supervisors' workspace is for curators; a " + user.role() + " token may not use it");
    }
    return user;
  }

  /** Runs {@code work} on a worker thread and sends its reply (or its refusal as a problem). */
  static void answer(Vertx vertx, RoutingContext ctx, java.util.concurrent.Callable<Reply> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(
            reply -> {
              if (reply.etag() != null) {
                ctx.response().putHeader("ETag", reply.etag());
              }
              Responses.json(ctx, reply.status(), reply.body());
            })
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    curator(ctx, services);
    String state = ctx.request().getParam("state");
    Set<State> states =
        state == null
            ? State.OPEN
            : EnumSet.of(
                State.parse(state)
                    .orElseThrow(
                        () ->
                            ApiException.badRequest("state: unknown '" + state + "'")
                                .field("state")));
    answer(
        vertx,
        ctx,
        () -> {
          ObjectNode json = Json.json().createObjectNode();
          ArrayNode drafts = json.putArray("drafts");
          for (DraftRow row : services.workspace().drafts().list(states)) {
            drafts.add(WorkspaceJson.summary(row));
          }
          return new Reply(200, json, null);
        });
  }

  void create(RoutingContext ctx) {
    User user = curator(ctx, services);
    JsonObject body = Bodies.json(ctx);
    Drafts.Create request = createRequest(body);
    String why = body.getString("why");
    answer(
        vertx,
        ctx,
        () -> reply(services.workspace().drafts().create(request, user.name(), why), 201, null));
  }

  void get(RoutingContext ctx) {
    curator(ctx, services);
    String id = ctx.pathParam("id");
    answer(vertx, ctx, () -> reply(services.workspace().drafts().get(id), 200, null));
  }

  void save(RoutingContext ctx) {
    User user = curator(ctx, services);
    String id = ctx.pathParam("id");
    String ifMatch = ctx.request().getHeader("If-Match");
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ApiException(
          428,
          "Precondition required",
          "send If-Match with the draft's ETag (from GET /api/v1/drafts/"
              + id
              + "), so that a save never overwrites someone else's");
    }
    JsonObject body = Bodies.json(ctx);
    String yaml = text(body);
    long version = version(ifMatch);
    answer(
        vertx,
        ctx,
        () ->
            reply(
                services
                    .workspace()
                    .drafts()
                    .save(id, version, yaml, user.name(), body.getString("why")),
                200,
                yaml));
  }

  /** A workflow step: the last segment of the path names it. */
  void step(RoutingContext ctx) {
    User user = curator(ctx, services);
    String id = ctx.pathParam("id");
    String path = ctx.request().path();
    String label = path.substring(path.lastIndexOf('/') + 1);
    Drafts.Step step =
        Drafts.Step.parse(label)
            .orElseThrow(() -> new ApiException(404, "Not found", "no step '" + label + "'"));
    String why = Bodies.json(ctx).getString("why");
    answer(
        vertx,
        ctx,
        () -> reply(services.workspace().drafts().step(id, step, user.name(), why), 200, null));
  }

  /** The reply for a workflow outcome; refusals are thrown as problems. */
  static Reply reply(Drafts.Outcome outcome, int status, String yours) {
    return switch (outcome) {
      case Drafts.Done done ->
          new Reply(status, WorkspaceJson.draft(done.view()), etag(done.view().draft()));
      case Drafts.Published published -> {
        ObjectNode json = Json.json().createObjectNode();
        json.set("draft", WorkspaceJson.draft(published.view()));
        json.put("revision", published.revision());
        yield new Reply(200, json, etag(published.view().draft()));
      }
      case Drafts.NotFound notFound -> throw new ApiException(404, "Not found", notFound.message());
      case Drafts.WrongState wrong ->
          throw new ApiException(409, "Conflict", wrong.message())
              .with("state", wrong.state().label());
      case Drafts.Invalid invalid ->
          throw new ApiException(422, "Unprocessable content", describe(invalid))
              .with("problems", WorkspaceJson.problems(invalid.problems()));
      case Drafts.Refused refused ->
          throw new ApiException(422, "Unprocessable content", refused.message());
      case Drafts.Stale stale ->
          throw new ApiException(412, "Precondition failed", stale.message())
              .with("theirs", WorkspaceJson.draft(stale.theirs()))
              .with("yours", yoursJson(yours));
      case Drafts.Conflict conflict ->
          throw new ApiException(409, "Conflict", conflict.message())
              .with("theirs", WorkspaceJson.fileRevision(conflict.theirs()))
              .with("yours", yoursJson(conflict.draft().draft().yaml()))
              .with("draft", WorkspaceJson.draft(conflict.draft()));
    };
  }

  private static String describe(Drafts.Invalid invalid) {
    String first = invalid.problems().isEmpty() ? "" : ": " + invalid.problems().get(0).format();
    return invalid.message()
        + first
        + (invalid.problems().size() > 1
            ? " (and " + (invalid.problems().size() - 1) + " more)"
            : "");
  }

  private static ObjectNode yoursJson(String yaml) {
    ObjectNode json = Json.json().createObjectNode();
    if (yaml != null) {
      json.put("yaml", yaml);
    }
    return json;
  }

  static String etag(DraftRow row) {
    return "\"" + row.version() + "\"";
  }

  /** The draft version an If-Match names; one that names none matches no version. */
  static long version(String ifMatch) {
    String tag = ifMatch.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    tag = tag.replace("\"", "");
    try {
      return Long.parseLong(tag);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** What a new draft starts from: the one form the body takes. */
  static Drafts.Create createRequest(JsonObject body) {
    List<String> given = new ArrayList<>();
    for (String key : List.of("play_id", "authority", "yaml", "play", "examples")) {
      if (body.containsKey(key)) {
        given.add(key);
      }
    }
    if (given.size() != 1) {
      throw ApiException.badRequest(
          (given.isEmpty() ? "say what to draft" : "say one thing to draft, not " + given)
              + ": {\"play_id\"} (with \"add_examples\" to add phrasings), {\"authority\": true},"
              + " {\"yaml\"} or {\"play\"} for a new play, or {\"examples\", \"title\"}");
    }
    String domain = body.getString("domain");
    return switch (given.get(0)) {
      case "play_id" ->
          new Drafts.EditPlay(body.getString("play_id"), strings(body, "add_examples"));
      case "authority" -> new Drafts.EditAuthority();
      case "yaml" -> new Drafts.NewPlay(body.getString("yaml"), domain);
      case "play" -> new Drafts.NewPlay(yamlOf(body.getJsonObject("play")), domain);
      default -> {
        String title = body.getString("title");
        if (title == null || title.isBlank()) {
          throw ApiException.badRequest("title: a new play from phrasings needs a title")
              .field("title");
        }
        yield new Drafts.FromPhrasings(title, strings(body, "examples"), domain);
      }
    };
  }

  /** The text a save sends: {@code yaml}, or {@code play} as YAML. */
  static String text(JsonObject body) {
    boolean yaml = body.containsKey("yaml");
    boolean play = body.containsKey("play");
    if (yaml == play) {
      throw ApiException.badRequest(
          "send the draft's text as \"yaml\" or as \"play\", one of them");
    }
    return yaml ? body.getString("yaml") : yamlOf(body.getJsonObject("play"));
  }

  /**
   * A play sent as JSON, written as YAML: with {@link PlayCodec} (keys in the documented order)
   * when it reads as a play, else as it came, so that its problems can be shown.
   */
  static String yamlOf(JsonObject play) {
    try {
      JsonNode tree = Json.json().readTree(play.encode());
      try {
        return PlayCodec.toYaml(PlayCodec.fromTree(tree));
      } catch (IllegalArgumentException notYetAPlay) {
        return Json.yaml().writeValueAsString(tree);
      }
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("play: " + e.getOriginalMessage()).field("play");
    }
  }

  private static List<String> strings(JsonObject body, String key) {
    JsonArray array = body.getJsonArray(key);
    List<String> out = new ArrayList<>();
    if (array != null) {
      for (Object o : array) {
        out.add(String.valueOf(o));
      }
    }
    return out;
  }
}
