package dev.leeway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The matching options a user can get wrong, and what they are told. */
class MatchingOptionsTest {

  @Test
  void an_evaluation_model_left_out_of_the_build_names_the_profile_that_adds_it() throws Exception {
    assumeTrue(
        getClass().getClassLoader().getResource("bge-small-en-v1.5-q.onnx") == null,
        "built with -Peval-models");

    String train = Path.of(getClass().getResource("/eval/train.csv").toURI()).toString();
    String test = Path.of(getClass().getResource("/eval/test.csv").toURI()).toString();

    Cli.Result run =
        Cli.run("eval", "--embedding", "bge-small-en-v1.5-q", "--train", train, "--test", test);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("bge-small-en-v1.5-q")
        .contains("-Peval-models")
        .doesNotContain("\tat ");
  }
}
