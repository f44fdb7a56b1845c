package dev.leeway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.curate.ContentHistory;
import dev.leeway.curate.Drafts;
import dev.leeway.curate.PlayCatalogue;
import dev.leeway.json.Json;
import dev.leeway.json.Problem;
import dev.leeway.playbook.Play;
import dev.leeway.store.ContentRepository.HistoryRow;
import dev.leeway.store.DraftRepository.DraftRow;
import java.util.List;
import java.util.Locale;

/** The workspace's JSON: drafts, plays, histories and diffs as the API returns them. */
final class WorkspaceJson {

  private WorkspaceJson() {}

  /** A draft with its problems and the published file it was made from. */
  static ObjectNode draft(Drafts.View view) {
    DraftRow row = view.draft();
    ObjectNode json = summary(row);
    json.remove("title");
    json.put("yaml", row.yaml());
    JsonNode play = view.play().map(WorkspaceJson::asJson).orElse(null);
    json.set("play", play == null ? Json.json().nullNode() : play);
    if (row.why() != null) {
      json.put("why", row.why());
    }
    if (row.publishedRevision() != null) {
      json.put("published_revision", row.publishedRevision());
    }
    json.set("problems", problems(view.problems()));
    if (view.published().isPresent()) {
      json.set("published", fileRevision(view.published().get()));
    } else {
      json.putNull("published");
    }
    json.put("stale", view.stale());
    return json;
  }

  /** A draft in a list: no text, no problems. */
  static ObjectNode summary(DraftRow row) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("id", row.id()).put("path", row.path());
    if (row.playId() != null) {
      json.put("play_id", row.playId());
    }
    String title = titleOf(row.yaml());
    if (title != null) {
      json.put("title", title);
    }
    json.put("base_revision", row.baseRevision())
        .put("state", row.state().label())
        .put("version", row.version())
        .put("author", row.author())
        .put("created_at", row.createdAt().toString())
        .put("updated_at", row.updatedAt().toString());
    if (row.submittedBy() != null) {
      json.put("submitted_by", row.submittedBy());
    }
    if (row.approvedBy() != null) {
      json.put("approved_by", row.approvedBy());
    }
    return json;
  }

  static ObjectNode fileRevision(Drafts.FileRevision file) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("revision", file.revision());
    if (file.yaml() != null) {
      json.put("yaml", file.yaml());
    }
    if (file.author() != null) {
      json.put("author", file.author());
    }
    if (file.at() != null) {
      json.put("at", file.at().toString());
    }
    return json;
  }

  /** Problems as {file, line, field, message}. */
  static ArrayNode problems(List<Problem> problems) {
    ArrayNode array = Json.json().createArrayNode();
    for (Problem p : problems) {
      ObjectNode json = array.addObject();
      if (p.file() != null) {
        json.put("file", p.file().toString().replace('\\', '/'));
      }
      json.put("line", p.line()).put("field", p.field()).put("message", p.message());
    }
    return array;
  }

  static ObjectNode playSummary(PlayCatalogue.Entry entry) {
    Play play = entry.play();
    ObjectNode json = Json.json().createObjectNode();
    json.put("id", play.id())
        .put("title", play.title())
        .put("domain", entry.domain())
        .put("path", entry.path())
        .put("status", play.status().name().toLowerCase(Locale.ROOT));
    if (play.owner() != null) {
      json.put("owner", play.owner());
    }
    if (play.reviewBy() != null) {
      json.put("review_by", play.reviewBy().toString());
    }
    json.put("version", play.version())
        .put("revision", entry.revision())
        .put("overdue", entry.overdue())
        .put("examples", play.examples().size());
    ArrayNode open = json.putArray("open_drafts");
    entry.openDrafts().forEach(open::add);
    return json;
  }

  /** A file's revisions, newest first. */
  static ObjectNode history(String id, String path, List<HistoryRow> rows) {
    ObjectNode json = Json.json().createObjectNode();
    if (id != null) {
      json.put("id", id);
    }
    json.put("path", path);
    ArrayNode revisions = json.putArray("revisions");
    for (HistoryRow row : rows) {
      ObjectNode r =
          revisions
              .addObject()
              .put("revision", row.revision())
              .put("at", row.at().toString())
              .put("author", row.author())
              .put("why", row.why())
              .put("change", row.change().name().toLowerCase(Locale.ROOT));
      if (row.playStatus() != null) {
        r.put("status", row.playStatus());
      }
    }
    return json;
  }

  static ObjectNode diff(ContentHistory.Diff diff) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("from", diff.from()).put("to", diff.to()).put("unified", diff.unified());
    ArrayNode lines = json.putArray("lines");
    for (ContentHistory.Line line : diff.lines()) {
      ObjectNode l =
          lines
              .addObject()
              .put("kind", line.kind().name().toLowerCase(Locale.ROOT))
              .put("text", line.text());
      if (line.oldLine() != null) {
        l.put("old_line", line.oldLine());
      }
      if (line.newLine() != null) {
        l.put("new_line", line.newLine());
      }
    }
    return json;
  }

  /** A YAML tree as JSON: dates and other scalars as the YAML parser read them. */
  static JsonNode asJson(JsonNode yamlTree) {
    return Json.json().valueToTree(yamlTree);
  }

  private static String titleOf(String yaml) {
    try {
      JsonNode tree = Json.yaml().readTree(yaml);
      return tree != null && tree.path("title").isTextual() ? tree.path("title").asText() : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }
}
