package dev.leeway.curate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Small edits to a play's YAML text that keep the rest of the file as its author wrote it
 * (comments, quoting, line breaks), so a revision's diff shows only the change. Each edit is
 * checked by reading the result back; when the text is laid out in a way the line edit does not
 * handle, the file is rewritten from its tree instead.
 */
final class YamlEdits {

  private YamlEdits() {}

  /** The play's text with {@code status:} set to {@code status}. */
  static String withStatus(String yaml, String status) {
    List<String> lines = new ArrayList<>(yaml.lines().toList());
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("status:\\s*\\S+\\s*(#.*)?")) {
        lines.set(i, "status: " + status);
        String edited = join(lines, yaml);
        if (tree(edited).map(t -> status.equals(t.path("status").asText())).orElse(false)) {
          return edited;
        }
        break;
      }
    }
    return rewritten(yaml, tree -> tree.put("status", status));
  }

  /**
   * The play's text with {@code added} appended to its {@code examples} (those already there
   * skipped).
   */
  static String withExamples(String yaml, List<String> added) {
    Optional<JsonNode> before = tree(yaml);
    List<String> existing = new ArrayList<>();
    before.ifPresent(t -> t.path("examples").forEach(e -> existing.add(e.asText())));
    List<String> fresh =
        added.stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .distinct()
            .filter(s -> existing.stream().noneMatch(e -> e.equalsIgnoreCase(s)))
            .toList();
    if (fresh.isEmpty()) {
      return yaml;
    }
    List<String> expected = new ArrayList<>(existing);
    expected.addAll(fresh);
    List<String> lines = new ArrayList<>(yaml.lines().toList());
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("examples:\\s*(#.*)?")) {
        start = i;
        break;
      }
    }
    if (start >= 0) {
      int last = start;
      String indent = "  ";
      for (int i = start + 1; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank() || line.startsWith(" ") || line.startsWith("-")) {
          if (line.stripLeading().startsWith("- ")) {
            indent = line.substring(0, line.indexOf('-'));
          }
          if (!line.isBlank()) {
            last = i;
          }
        } else {
          break;
        }
      }
      List<String> inserted = new ArrayList<>();
      for (String example : fresh) {
        inserted.add(indent + "- " + quoted(example));
      }
      lines.addAll(last + 1, inserted);
      String edited = join(lines, yaml);
      if (tree(edited).map(t -> examples(t).equals(expected)).orElse(false)) {
        return edited;
      }
    }
    return rewritten(
        yaml,
        tree -> {
          ArrayNode examples = tree.putArray("examples");
          expected.forEach(examples::add);
        });
  }

  private static List<String> examples(JsonNode tree) {
    List<String> out = new ArrayList<>();
    tree.path("examples").forEach(e -> out.add(e.asText()));
    return out;
  }

  /** A YAML double-quoted scalar. */
  static String quoted(String text) {
    try {
      // JSON strings are YAML double-quoted scalars.
      return Json.json().writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String join(List<String> lines, String original) {
    String joined = String.join("\n", lines);
    return original.endsWith("\n") ? joined + "\n" : joined;
  }

  private static Optional<JsonNode> tree(String yaml) {
    try {
      JsonNode tree = Json.yaml().readTree(yaml);
      return tree != null && tree.isObject() ? Optional.of(tree) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static String rewritten(String yaml, java.util.function.Consumer<ObjectNode> edit) {
    JsonNode tree = tree(yaml).orElseGet(() -> Json.yaml().createObjectNode());
    ObjectNode object = (ObjectNode) Objects.requireNonNull(tree);
    edit.accept(object);
    try {
      return Json.yaml().writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a play's YAML", e);
    }
  }
}
