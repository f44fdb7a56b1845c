package dev.leeway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.json.Json;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leeway eval} end to end on the fixture under {@code src/test/resources/eval}. */
class EvalCommandTest {

  private static final Path TRAIN = resource("/eval/train.csv");
  private static final Path TEST = resource("/eval/test.csv");

  @TempDir Path dir;

  private static Path resource(String name) {
    try {
      return Path.of(EvalCommandTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertNoStackTrace(String text) {
    assertThat(text).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void off_topic_texts_can_be_named_or_left_out() throws Exception {
    Path offTopic = dir.resolve("off-topic.txt");
    Files.writeString(offTopic, "# chit-chat\nanyone for coffee\nwho's on the late shift\n");

    Cli.Result named =
        Cli.run(
            "eval",
            "--train",
            TRAIN.toString(),
            "--test",
            TEST.toString(),
            "--none-label",
            "none",
            "--off-topic",
            offTopic.toString(),
            "--json");
    Cli.Result without =
        Cli.run(
            "eval",
            "--train",
            TRAIN.toString(),
            "--test",
            TEST.toString(),
            "--none-label",
            "none",
            "--no-off-topic",
            "--json");

    assertThat(named.exitCode()).as(named.err()).isZero();
    assertThat(without.exitCode()).as(without.err()).isZero();
    assertThat(Json.json().readTree(named.lastLine()).get("queries").intValue()).isEqualTo(28);
  }

  @Test
  void scores_a_test_file_and_prints_json_on_the_last_line() throws Exception {
    Cli.Result run =
        Cli.run(
            "eval",
            "--train",
            TRAIN.toString(),
            "--test",
            TEST.toString(),
            "--none-label",
            "none",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = Json.json().readTree(run.lastLine());
    assertThat(fieldNames(report))
        .containsExactlyInAnyOrder(
            "queries",
            "top1",
            "top3",
            "mrr",
            "abstain_rate",
            "in_scope_accuracy",
            "none_recall",
            "none_precision",
            "latency_ms",
            "embedding_skipped",
            "build_ms",
            "heap_mb");
    assertThat(fieldNames(report.get("latency_ms")))
        .containsExactlyInAnyOrder("p50", "p99", "mean");

    assertThat(report.get("queries").intValue()).isEqualTo(28);
    assertThat(report.get("top1").doubleValue()).isGreaterThanOrEqualTo(0.8);
    assertThat(report.get("top3").doubleValue())
        .isGreaterThanOrEqualTo(report.get("top1").doubleValue())
        .isLessThanOrEqualTo(1.0);
    assertThat(report.get("mrr").doubleValue())
        .isBetween(report.get("top1").doubleValue(), report.get("top3").doubleValue());
    for (String ratio :
        List.of("abstain_rate", "in_scope_accuracy", "none_recall", "none_precision")) {
      assertThat(report.get(ratio).isNumber()).as(ratio).isTrue();
      assertThat(report.get(ratio).doubleValue()).as(ratio).isBetween(0.0, 1.0);
    }
    assertThat(report.get("in_scope_accuracy").doubleValue()).isGreaterThanOrEqualTo(0.7);
    double p50 = report.at("/latency_ms/p50").doubleValue();
    assertThat(p50).isPositive().isLessThanOrEqualTo(report.at("/latency_ms/p99").doubleValue());
    assertThat(report.at("/latency_ms/mean").doubleValue())
        .isPositive()
        .isLessThanOrEqualTo(report.at("/latency_ms/p99").doubleValue() * 2);
    assertThat(report.get("embedding_skipped").doubleValue()).isBetween(0.0, 1.0);
    assertThat(report.get("build_ms").isIntegralNumber()).isTrue();
    assertThat(report.get("build_ms").longValue()).isNotNegative();
    assertThat(report.get("heap_mb").longValue()).isPositive();
  }

  @Test
  void cross_validates_the_training_file_in_three_folds() throws Exception {
    Cli.Result run = Cli.run("eval", "--train", TRAIN.toString(), "--folds", "3", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = Json.json().readTree(run.lastLine());
    assertThat(report.get("queries").intValue()).isEqualTo(64);
    assertThat(report.get("top1").doubleValue()).isGreaterThanOrEqualTo(0.8);
    // No none label and nothing held out: the none figures are left out, not zero.
    assertThat(fieldNames(report))
        .doesNotContain("in_scope_accuracy", "none_recall", "none_precision");
  }

  @Test
  void trains_on_a_playbook_folder_and_scores_the_held_out_agent_texts() throws Exception {
    Path heldOut = resource("/eval/held-out-agent-texts.csv");
    Cli.Result run =
        // Without embeddings: this is about reading the pack, and a cold embedding of it takes ~20
        // s.
        Cli.run(
            "eval",
            "--train",
            "playbooks",
            "--test",
            heldOut.toString(),
            "--none-label",
            "none",
            "--embedding",
            "none",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = Json.json().readTree(run.lastLine());
    // 3 texts for each of 66 published plays (every label must be a play id) and 173 for none.
    assertThat(report.get("queries").intValue()).isEqualTo(371);
    assertThat(report.get("in_scope_accuracy").doubleValue()).isBetween(0.0, 1.0);
    assertThat(report.get("none_recall").doubleValue()).isBetween(0.0, 1.0);
  }

  @Test
  void no_held_out_text_is_a_line_the_matcher_learns_from_in_the_off_topic_list() throws Exception {
    // 27 were, from "ok" to "what year did the titanic sink": each abstained because it was seen,
    // which lifted the held-out none recall by several points.
    java.util.function.Function<String, String> words =
        t -> t.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 ]", "").strip();
    java.util.Set<String> offTopic =
        dev.leeway.match.OffTopicTexts.read(Path.of("config/off-topic.txt")).stream()
            .map(words)
            .collect(java.util.stream.Collectors.toSet());
    List<String> seen =
        dev.leeway.match.LabelledCsv.read(resource("/eval/held-out-agent-texts.csv")).stream()
            .map(dev.leeway.match.LabelledText::text)
            .filter(t -> offTopic.contains(words.apply(t)))
            .toList();
    assertThat(offTopic).hasSizeGreaterThan(100);
    assertThat(seen).isEmpty();
  }

  @Test
  void an_invalid_playbook_folder_fails_naming_file_and_line() throws Exception {
    Path pack = Files.createDirectories(dir.resolve("pack"));
    Files.writeString(pack.resolve("broken.yaml"), "id: orders.broken\ntitle: [unclosed\n");

    Cli.Result run =
        Cli.run("eval", "--train", pack.toString(), "--folds", "3", "--embedding", "none");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("is invalid").contains("broken.yaml:");
    assertNoStackTrace(run.err());
  }

  @Test
  void prints_one_figure_per_line_without_json() {
    Cli.Result run =
        Cli.run(
            "eval",
            "--train",
            TRAIN.toString(),
            "--test",
            TEST.toString(),
            "--none-label",
            "none",
            "--embedding",
            "none",
            "--no-synonyms");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("embedding=none")
        .containsPattern("(?m)^queries +28$")
        .containsPattern("(?m)^top1 +[01]\\.\\d+$")
        .containsPattern("(?m)^none_recall +[01]\\.\\d+$");
  }

  @Test
  void a_test_label_with_no_play_and_no_none_label_fails_naming_the_label() {
    Cli.Result run =
        Cli.run(
            "eval", "--train", TRAIN.toString(), "--test", TEST.toString(), "--embedding", "none");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("[none]").contains("--none-label");
    assertNoStackTrace(run.err());
  }

  @Test
  void a_malformed_csv_fails_naming_file_and_line_without_a_stack_trace() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "text,label\nmy card is lost,lost_card\nmy card, again,lost_card\n");

    Cli.Result run =
        Cli.run("eval", "--train", bad.toString(), "--folds", "3", "--embedding", "none");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(bad + ":3: expected 2 fields");
    assertNoStackTrace(run.err());
  }

  @Test
  void a_malformed_test_file_is_named_too() throws Exception {
    Path bad = dir.resolve("bad-test.csv");
    Files.writeString(bad, "text,label\nlost my card,\n");

    Cli.Result run =
        Cli.run(
            "eval", "--train", TRAIN.toString(), "--test", bad.toString(), "--embedding", "none");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(bad + ":2: empty label");
    assertNoStackTrace(run.err());
  }

  @Test
  void a_missing_training_file_fails_naming_it() {
    Path missing = dir.resolve("missing.csv");

    Cli.Result run = Cli.run("eval", "--train", missing.toString(), "--folds", "3");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(missing.toString());
    assertNoStackTrace(run.err());
  }

  @Test
  void hold_out_is_refused_with_a_test_file() {
    Cli.Result run =
        Cli.run(
            "eval",
            "--train",
            TRAIN.toString(),
            "--test",
            TEST.toString(),
            "--hold-out",
            "2",
            "--embedding",
            "none");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--hold-out");
  }

  @Test
  void an_unknown_embedding_model_fails_naming_it() {
    Cli.Result run =
        Cli.run("eval", "--train", TRAIN.toString(), "--folds", "3", "--embedding", "word2vec");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("'word2vec'");
    assertNoStackTrace(run.err());
  }

  @Test
  void needs_either_a_test_file_or_folds() {
    Cli.Result run = Cli.run("eval", "--train", TRAIN.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--test").contains("--folds");
  }
}
