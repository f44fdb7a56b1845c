package dev.leeway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.chat.Advice;
import dev.leeway.chat.AdviceJson;
import dev.leeway.chat.Advisor;
import dev.leeway.chat.Question;
import dev.leeway.curate.Drafts;
import dev.leeway.json.Json;
import dev.leeway.json.LoadResult;
import dev.leeway.match.Matcher;
import dev.leeway.playbook.Content;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/drafts/{id}/try}: the answer an agent would get with the draft published (the
 * {@code /suggest} pipeline on a snapshot built for the draft's content), next to the published
 * answer. The snapshot is kept per draft version and published revision, so trying several
 * situations on one draft builds it once; nothing is recorded.
 */
final class TryHandler {

  /** How many draft snapshots are kept. */
  static final int KEPT = 4;

  /** How long a dropped snapshot's matcher stays open for tries still running on it. */
  private static final long CLOSE_AFTER_NANOS = 60_000_000_000L;

  /** A draft version on a published revision, tried from one live snapshot. */
  private record Key(String draft, long version, long published, String live) {}

  private record Dropped(Matcher matcher, long closeAt) {}

  private final WorkerExecutor answering;
  private final Services services;
  private final Map<Key, Workspace.Trial> kept = new LinkedHashMap<>(8, 0.75f, true);
  private final List<Dropped> dropped = new ArrayList<>();

  TryHandler(WorkerExecutor answering, Services services) {
    this.answering = answering;
    this.services = services;
  }

  void handle(RoutingContext ctx) {
    dev.leeway.auth.User user = DraftsHandler.curator(ctx, services);
    String id = ctx.pathParam("id");
    JsonObject body = Bodies.json(ctx);
    String text = body.getString("text");
    String role = body.getString("role", user.role());
    Map<String, Object> facts = Bodies.facts(body);
    java.time.LocalDate today = Bodies.today(body, services.clock());
    answering
        .executeBlocking(
            () -> {
              Drafts.Trial trial =
                  services
                      .workspace()
                      .drafts()
                      .trial(id)
                      .orElseThrow(
                          () -> new ApiException(404, "Not found", "no draft '" + id + "'"));
              Content content =
                  switch (trial.content()) {
                    case LoadResult.Loaded<Content> loaded -> loaded.value();
                    case LoadResult.Invalid<Content> invalid ->
                        throw new ApiException(
                                422,
                                "Unprocessable content",
                                "the draft has problems, so it cannot be tried: "
                                    + invalid.problems().get(0).format())
                            .with("problems", WorkspaceJson.problems(invalid.problems()));
                  };
              Advisor published = services.advisor();
              Advisor draft = advisor(trial, content, published);
              if (content.authority().role(role).isEmpty()) {
                throw ApiException.badRequest(
                        "role: unknown '"
                            + role
                            + "' (roles: "
                            + String.join(", ", content.authority().roles().keySet())
                            + ")")
                    .field("role");
              }
              Question question = new Question(text, facts, role, today);
              ObjectNode json = Json.json().createObjectNode();
              ObjectNode drafted = AdviceJson.of(advise(draft, question));
              json.set("draft", drafted);
              ObjectNode now =
                  published.content().authority().role(role).isPresent()
                      ? AdviceJson.of(advise(published, question))
                      : null;
              json.set("published", now == null ? Json.json().nullNode() : now);
              json.put("differs", now == null || !verdicts(drafted).equals(verdicts(now)));
              return json;
            },
            false)
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private static Advice advise(Advisor advisor, Question question) {
    try {
      return advisor.advise(question);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("field 'facts': " + e.getMessage()).field("facts");
    }
  }

  /** The snapshot for this draft version on this published revision, built once. */
  private Advisor advisor(Drafts.Trial trial, Content content, Advisor published) {
    Key key =
        new Key(
            trial.draft().id(),
            trial.draft().version(),
            trial.publishedRevision(),
            published.content().version());
    synchronized (kept) {
      closeDropped(false);
      Workspace.Trial known = kept.get(key);
      if (known != null) {
        return known.advisor();
      }
    }
    Workspace.Trial built = services.workspace().advisors().build(content, published);
    synchronized (kept) {
      Workspace.Trial raced = kept.putIfAbsent(key, built);
      if (raced != null) {
        drop(built);
        return raced.advisor();
      }
      while (kept.size() > KEPT) {
        Key eldest = kept.keySet().iterator().next();
        drop(kept.remove(eldest));
      }
    }
    return built.advisor();
  }

  private void drop(Workspace.Trial trial) {
    if (!trial.sharesMatcher()) {
      dropped.add(new Dropped(trial.advisor().matcher(), System.nanoTime() + CLOSE_AFTER_NANOS));
    }
  }

  private void closeDropped(boolean all) {
    long now = System.nanoTime();
    dropped.removeIf(
        d -> {
          if (all || now - d.closeAt() >= 0) {
            d.matcher().close();
            return true;
          }
          return false;
        });
  }

  /**
   * What an answer offers an agent: each play, and each of its actions with its label, decision and
   * amounts (the reasons and traces name the content version, which always differs).
   */
  static List<String> verdicts(JsonNode answer) {
    List<String> out = new ArrayList<>();
    out.add("outcome " + answer.path("outcome").asText());
    for (JsonNode play : answer.path("plays")) {
      out.add("play " + play.path("play_id").asText());
      for (JsonNode action : play.path("actions")) {
        out.add(
            play.path("play_id").asText()
                + "/"
                + action.path("action_id").asText()
                + " "
                + action.path("label").asText()
                + " "
                + action.path("decision").asText()
                + " "
                + action.path("amount").asText("")
                + " "
                + action.path("up_to").asText(""));
      }
    }
    return out;
  }
}
