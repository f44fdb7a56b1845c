package dev.leeway.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void formats_file_line_field_and_message() {
    Problem problem =
        new Problem(
            Path.of("playbooks", "orders", "x.yaml"),
            12,
            "actions[1].kind",
            "unknown action kind 'refnd' (known: refund, credit)");

    assertThat(problem.format())
        .isEqualTo(
            "playbooks/orders/x.yaml:12: actions[1].kind: unknown action kind 'refnd' (known:"
                + " refund, credit)");
  }

  @Test
  void leaves_out_what_is_unknown() {
    assertThat(new Problem(Path.of("a.yaml"), 0, "", "the file is empty").format())
        .isEqualTo("a.yaml: the file is empty");
    assertThat(new Problem(null, 3, "id", "must not be blank").format())
        .isEqualTo("line 3: id: must not be blank");
    assertThat(new Problem(null, 0, null, "bad").format()).isEqualTo("bad");
  }

  @Test
  void sorts_by_file_then_line() {
    List<Problem> problems =
        new ArrayList<>(
            List.of(
                new Problem(Path.of("b.yaml"), 1, "", "x"),
                new Problem(Path.of("a.yaml"), 9, "", "x"),
                new Problem(Path.of("a.yaml"), 2, "", "x")));

    problems.sort(Problem.ORDER);

    assertThat(problems)
        .extracting(Problem::format)
        .containsExactly("a.yaml:2: x", "a.yaml:9: x", "b.yaml:1: x");
  }

  @Test
  void field_paths_read_like_code() {
    assertThat(FieldPath.of("actions", 1, "kind")).hasToString("actions[1].kind");
    assertThat(FieldPath.of("examples", 0)).hasToString("examples[0]");
    assertThat(FieldPath.ROOT.key("roles").key("agent").key("limits"))
        .hasToString("roles.agent.limits");
    assertThat(FieldPath.of("a", 0, "b").parent()).isEqualTo(FieldPath.of("a", 0));
  }
}
