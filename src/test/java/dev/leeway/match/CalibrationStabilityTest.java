package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leeway.playbook.Play;
import dev.leeway.text.EnglishAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A supervisor who adds one phrasing to one play should see that play's texts move, not every
 * decision in the pack: the calibration that turns margins into confidences must stay put.
 */
class CalibrationStabilityTest {

  @Test
  void adding_one_example_to_the_first_play_leaves_the_calibration_of_the_pack_in_place()
      throws Exception {
    List<Play> pack =
        Evaluation.playsFrom(LabelledCsv.read(Path.of("src/test/resources/eval/train.csv")));
    Play first = pack.get(0);
    List<String> examples = new ArrayList<>(first.examples());
    examples.add(0, "card went missing on the way home from work");
    List<Play> edited = new ArrayList<>(pack);
    edited.set(0, Play.forMatching(first.id(), first.title(), examples));

    MatchSettings settings = MatchSettings.defaults();
    SentenceEmbedder embedder =
        new SentenceEmbedder(settings.embedding(), TextCache.embeddingsInMemory());
    EnglishAnalyzer analysis = EnglishAnalyzer.plain();
    try (Matcher before = Matcher.build(pack, analysis, embedder, settings);
        Matcher after = Matcher.build(edited, analysis, embedder, settings)) {
      ConfidenceCalibration.Fit a = before.calibration();
      ConfidenceCalibration.Fit b = after.calibration();
      assertThat(a.abstainer()).as("this pack is large enough to fit an abstainer").isNotNull();
      assertThat(b.temperature()).isEqualTo(a.temperature());
      assertThat(b.noneMargin()).isEqualTo(a.noneMargin());
      assertThat(b.nearestWeight()).isEqualTo(a.nearestWeight());
      assertThat(b.abstainer().lead()).isCloseTo(a.abstainer().lead(), within(0.5));
      assertThat(b.abstainer().closeness()).isCloseTo(a.abstainer().closeness(), within(0.5));
    }
  }

  @Test
  void a_larger_nearest_weight_is_chosen_only_for_a_clear_gain() {
    // Per held-back row, a gain under the bar is a tie, and ties keep the smaller weight.
    assertThat(
            ConfidenceCalibration.simplestNearWeight(new double[] {1239.49, 1239.65, 1360.9}, 1940))
        .isZero();
    assertThat(
            ConfidenceCalibration.simplestNearWeight(new double[] {1238.41, 1238.16, 1358.6}, 1940))
        .isZero();
    assertThat(ConfidenceCalibration.simplestNearWeight(new double[] {1300, 1200, 1195}, 1940))
        .isEqualTo(1);
    assertThat(ConfidenceCalibration.simplestNearWeight(new double[] {1300, 1200, 1150}, 1940))
        .isEqualTo(2);
  }
}
