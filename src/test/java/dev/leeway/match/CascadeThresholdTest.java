package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the words-only threshold is read off held-back rows. */
class CascadeThresholdTest {

  /**
   * Two plays; margins that make play 0 the words' choice with a confidence falling with {@code k}.
   */
  private static double[] margins(int k) {
    return new double[] {3 - k * 0.005, -5};
  }

  @Test
  void the_threshold_is_the_lowest_confidence_above_which_the_rows_agree_often_enough() {
    List<double[]> margins = new ArrayList<>();
    List<Integer> truth = new ArrayList<>();
    List<Integer> reference = new ArrayList<>();
    for (int k = 0; k < 600; k++) {
      margins.add(margins(k));
      truth.add(0);
      // The full path agrees on the 400 most confident rows, then on every other one.
      reference.add(k < 400 || k % 2 == 0 ? 0 : 1);
    }

    Cascade.Fit fit = Cascade.threshold(margins, truth, reference, 1, 0);

    double[] p400 = Matcher.softmaxWithNone(margins(400), 1, 0);
    double[] p430 = Matcher.softmaxWithNone(margins(430), 1, 0);
    // Row 401 disagrees; the 401 agreeing rows above it keep 99.5% until a few more disagree.
    assertThat(fit.threshold()).isLessThanOrEqualTo(p400[0]).isGreaterThan(p430[0]);
    assertThat(fit.decidedShare()).isBetween(400 / 600.0, 430 / 600.0);
  }

  @Test
  void too_few_agreeing_rows_never_decide() {
    List<double[]> margins = new ArrayList<>();
    List<Integer> truth = new ArrayList<>();
    List<Integer> reference = new ArrayList<>();
    for (int k = 0; k < 300; k++) {
      margins.add(margins(k));
      truth.add(0);
      reference.add(k < Cascade.MIN_DECIDED_ROWS - 2 ? 0 : 1);
    }

    assertThat(Cascade.threshold(margins, truth, reference, 1, 0).threshold())
        .isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void a_text_with_no_play_that_the_words_claim_counts_against_the_threshold() {
    List<double[]> margins = new ArrayList<>();
    List<Integer> truth = new ArrayList<>();
    List<Integer> reference = new ArrayList<>();
    for (int k = 0; k < 400; k++) {
      margins.add(margins(k));
      // The most confident rows are off-topic lines the full path abstains on.
      boolean offTopic = k < 20;
      truth.add(offTopic ? Cascade.OFF_TOPIC : 0);
      reference.add(offTopic ? -1 : 0);
    }

    Cascade.Fit fit = Cascade.threshold(margins, truth, reference, 1, 0);

    // Off-topic lines carry Abstainer.OFF_TOPIC_SHARE of the weight, far above 0.5%: never decide.
    assertThat(fit.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
  }
}
