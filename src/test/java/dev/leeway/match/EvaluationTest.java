package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leeway.playbook.Play;
import dev.leeway.text.EnglishAnalyzer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The eval harness on the small fixture under {@code src/test/resources/eval}, words only so it is
 * quick; {@code app.EvalCommandTest} runs it end to end with the default embedding.
 */
class EvaluationTest {

  private static final MatchSettings WORDS_ONLY = MatchSettings.defaults().withEmbedding(null);

  private static List<LabelledText> train;
  private static List<LabelledText> test;
  private static Evaluation evaluation;

  @BeforeAll
  static void load() throws Exception {
    train = LabelledCsv.read(resource("/eval/train.csv"));
    test = LabelledCsv.read(resource("/eval/test.csv"));
    evaluation = new Evaluation(EnglishAnalyzer.plain(), null, WORDS_ONLY);
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(EvaluationTest.class.getResource(name).toURI());
  }

  @Test
  void the_fixture_has_eight_labels_of_eight_texts_and_some_none_rows() {
    assertThat(train).hasSize(64);
    assertThat(train.stream().map(LabelledText::label).distinct()).hasSize(8);
    assertThat(test).hasSize(28);
    assertThat(test.stream().filter(r -> r.label().equals("none"))).hasSize(4);
  }

  @Test
  void makes_one_play_per_label_in_first_seen_order_with_distinct_examples() {
    List<Play> plays =
        Evaluation.playsFrom(
            List.of(
                new LabelledText("card gone", "lost_card"),
                new LabelledText("parcel late", "late-delivery"),
                new LabelledText("card gone", "lost_card"),
                new LabelledText("card stolen", "lost_card")));

    assertThat(plays).extracting(Play::id).containsExactly("lost_card", "late-delivery");
    assertThat(plays).extracting(Play::title).containsExactly("Lost card", "Late delivery");
    assertThat(plays.get(0).examples()).containsExactly("card gone", "card stolen");
  }

  @Test
  void scores_a_test_set_with_a_none_label() {
    EvalReport report = evaluation.run(train, test, "none");

    assertThat(report.queries()).isEqualTo(28);
    assertThat(report.top1()).isGreaterThanOrEqualTo(0.8);
    assertThat(report.top3()).isGreaterThanOrEqualTo(report.top1()).isLessThanOrEqualTo(1);
    assertThat(report.mrr()).isBetween(report.top1(), report.top3());
    assertThat(report.abstainRate()).isBetween(0.0, 1.0);
    assertThat(report.inScopeAccuracy()).isBetween(0.0, report.top1());
    assertThat(report.noneRecall()).isBetween(0.0, 1.0);
    assertThat(report.nonePrecision()).isBetween(0.0, 1.0);
    assertThat(report.latencyMs().p50()).isPositive().isLessThanOrEqualTo(report.latencyMs().p99());
    assertThat(report.buildMs()).isNotNegative();
    assertThat(report.heapMb()).isPositive();
  }

  @Test
  void none_figures_are_absent_without_a_none_label() {
    List<LabelledText> inScope = test.stream().filter(r -> !r.label().equals("none")).toList();

    EvalReport report = evaluation.run(train, inScope, null);

    assertThat(report.queries()).isEqualTo(24);
    assertThat(report.inScopeAccuracy()).isNull();
    assertThat(report.noneRecall()).isNull();
    assertThat(report.nonePrecision()).isNull();
  }

  @Test
  void a_test_label_with_no_play_is_refused_naming_it() {
    assertThatThrownBy(() -> evaluation.run(train, test, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[none]")
        .hasMessageContaining("--none-label");
    List<LabelledText> typo = List.of(new LabelledText("my card is gone", "lost_crad"));
    assertThatThrownBy(() -> evaluation.run(train, typo, "none"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lost_crad")
        .hasMessageNotContaining("--none-label");
  }

  @Test
  void cross_validation_scores_every_row_once() {
    EvalReport report = evaluation.crossValidate(train, 3, 0, null, 7);

    assertThat(report.queries()).isEqualTo(train.size());
    // Words alone on five or six examples a label: well above chance (1 in 8), far from perfect.
    assertThat(report.top1()).isGreaterThanOrEqualTo(0.4);
    assertThat(report.top3()).isGreaterThanOrEqualTo(report.top1());
    assertThat(report.noneRecall()).isNull();
  }

  @Test
  void cross_validation_with_the_same_seed_ranks_the_same() {
    EvalReport first = evaluation.crossValidate(train, 3, 0, null, 11);
    EvalReport second = evaluation.crossValidate(train, 3, 0, null, 11);

    assertThat(second.top1()).isEqualTo(first.top1());
    assertThat(second.top3()).isEqualTo(first.top3());
    assertThat(second.mrr()).isEqualTo(first.mrr());
    assertThat(second.abstainRate()).isEqualTo(first.abstainRate());
  }

  @Test
  void held_out_labels_must_abstain_and_bring_the_none_figures() {
    EvalReport report = evaluation.crossValidate(train, 3, 2, null, 7);

    assertThat(report.queries()).isEqualTo(train.size());
    assertThat(report.noneRecall()).isNotNull().isBetween(0.0, 1.0);
    assertThat(report.nonePrecision()).isNotNull().isBetween(0.0, 1.0);
    assertThat(report.inScopeAccuracy()).isNotNull();
  }

  @Test
  void cross_validation_needs_two_folds_and_a_label_left_to_train_on() {
    assertThatThrownBy(() -> evaluation.crossValidate(train, 1, 0, null, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--folds");
    assertThatThrownBy(() -> evaluation.crossValidate(train, 3, 8, null, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot hold out 8 of 8 labels");
  }
}
