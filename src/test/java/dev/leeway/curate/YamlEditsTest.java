package dev.leeway.curate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edits to a play's text that leave the rest of the file as written. */
class YamlEditsTest {

  static final String PLAY =
      """
      id: x.y
      # who to call
      title: "A: title"
      examples:
        - "first one"
        - second one
      tags: [a]
      status: published  # live
      """;

  static List<String> examples(String yaml) throws Exception {
    JsonNode tree = Json.yaml().readTree(yaml);
    List<String> out = new ArrayList<>();
    tree.path("examples").forEach(e -> out.add(e.asText()));
    return out;
  }

  @Test
  void new_examples_go_after_the_last_one_and_nothing_else_moves() throws Exception {
    String edited = YamlEdits.withExamples(PLAY, List.of("SECOND ONE", "third: \"quoted\""));
    assertThat(examples(edited)).containsExactly("first one", "second one", "third: \"quoted\"");
    assertThat(edited)
        .isEqualTo(
            PLAY.replace("  - second one\n", "  - second one\n  - \"third: \\\"quoted\\\"\"\n"));
  }

  @Test
  void examples_written_in_flow_style_are_rewritten_from_the_tree() throws Exception {
    String flow = "id: x.y\ntitle: T\nexamples: [one, two]\n";
    String edited = YamlEdits.withExamples(flow, List.of("three"));
    assertThat(examples(edited)).containsExactly("one", "two", "three");
  }

  @Test
  void adding_only_known_examples_changes_nothing() {
    assertThat(YamlEdits.withExamples(PLAY, List.of("first one", " "))).isSameAs(PLAY);
  }

  @Test
  void the_status_line_is_replaced_in_place() throws Exception {
    String retired = YamlEdits.withStatus(PLAY, "retired");
    assertThat(retired).isEqualTo(PLAY.replace("status: published  # live", "status: retired"));
    assertThat(Json.yaml().readTree(retired).path("status").asText()).isEqualTo("retired");
  }
}
