package dev.leeway.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class YamlDocumentTest {

  private static final Path FILE = Path.of("t.yaml");

  private static YamlDocument parsed(String yaml) {
    YamlDocument.Parse parse = YamlDocument.parse(FILE, yaml);
    assertThat(parse).isInstanceOf(YamlDocument.Parsed.class);
    return ((YamlDocument.Parsed) parse).document();
  }

  private static Problem failure(String yaml) {
    YamlDocument.Parse parse = YamlDocument.parse(FILE, yaml);
    assertThat(parse).isInstanceOf(YamlDocument.Failed.class);
    return ((YamlDocument.Failed) parse).problem();
  }

  @Test
  void maps_keys_and_list_items_to_their_lines() {
    YamlDocument doc =
        parsed(
            """
            # a comment
            id: x
            actions:
              - id: a
                kind: refund
              - id: b

                kind: credit
            tags: [one, two]
            nested:
              deeper:
                - [1, 2]
                - {k: v}
            """);

    assertThat(doc.lineOf(FieldPath.of("id"))).isEqualTo(2);
    assertThat(doc.lineOf(FieldPath.of("actions"))).isEqualTo(3);
    assertThat(doc.lineOf(FieldPath.of("actions", 0))).isEqualTo(4);
    assertThat(doc.lineOf(FieldPath.of("actions", 0, "kind"))).isEqualTo(5);
    assertThat(doc.lineOf(FieldPath.of("actions", 1))).isEqualTo(6);
    assertThat(doc.lineOf(FieldPath.of("actions", 1, "kind"))).isEqualTo(8);
    assertThat(doc.lineOf(FieldPath.of("tags", 1))).isEqualTo(9);
    assertThat(doc.lineOf(FieldPath.of("nested", "deeper", 1, "k"))).isEqualTo(13);
  }

  @Test
  void a_missing_path_takes_the_line_of_its_nearest_parent() {
    YamlDocument doc = parsed("id: x\nactions:\n  - id: a\n    label: A\n");

    assertThat(doc.lineOf(FieldPath.of("actions", 0, "kind"))).isEqualTo(3);
    assertThat(doc.lineOf(FieldPath.of("title"))).isEqualTo(1);
  }

  @Test
  void reports_a_syntax_error_with_the_parsers_line() {
    Problem problem = failure("id: a\ntitle: [b\nsituation: x\n");

    assertThat(problem.file()).isEqualTo(FILE);
    assertThat(problem.line()).isEqualTo(3);
    assertThat(problem.message()).startsWith("invalid YAML: ");
  }

  @Test
  void rejects_a_key_written_twice() {
    Problem problem = failure("id: a\ntitle: b\ntitle: c\n");

    assertThat(problem.line()).isEqualTo(3);
    assertThat(problem.message()).isEqualTo("invalid YAML: key 'title' appears twice");
  }

  @Test
  void rejects_an_empty_file() {
    assertThat(failure("# only a comment\n").message()).isEqualTo("the file is empty");
  }

  @Test
  void rejects_a_second_document() {
    assertThat(failure("id: a\n---\nid: b\n").message())
        .isEqualTo("invalid YAML: more than one document ('---'); write one per file");
  }

  @Test
  void reports_a_missing_file() {
    YamlDocument.Parse parse = YamlDocument.read(Path.of("does", "not", "exist.yaml"));

    assertThat(parse).isInstanceOf(YamlDocument.Failed.class);
    assertThat(((YamlDocument.Failed) parse).problem().format())
        .isEqualTo("does/not/exist.yaml: no such file");
  }
}
