package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leeway.match.MatchResult.Candidate;
import dev.leeway.match.MatchResult.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The learned abstainer: its evidence, its fit, and how its probability reaches the candidates. */
class AbstainerTest {

  @Test
  void evidence_describes_the_best_play_against_the_runner_up() {
    double[] margins = {0.5, 2.0, Double.NEGATIVE_INFINITY, 1.25};
    double[] semantic = {0.1, 0.8, 0.0, 0.05};
    double[] cosine = {0.4, 0.7, 0.0, 0.5};

    Abstainer.Evidence e = Abstainer.Evidence.of(margins, semantic, cosine, 1, 6, 0.4);

    assertThat(e.logit()).isCloseTo(Math.log(0.8 / 0.2), within(1e-9));
    assertThat(e.margin()).isEqualTo(2.0);
    assertThat(e.lead()).isCloseTo(0.75, within(1e-9));
    assertThat(e.closeness()).isEqualTo(0.7);
    assertThat(e.length()).isCloseTo(Math.log(7), within(1e-9));
    assertThat(e.offTopic()).isEqualTo(0.4);
    assertThat(Abstainer.Evidence.of(margins, semantic, null, 1, 6, 0).closeness()).isZero();
  }

  @Test
  void fitted_probability_tracks_how_often_the_best_play_is_right() {
    // Covered rows (closeness 1) whose best play is right with probability sigmoid(2 * logit - 1);
    // uncovered rows sit apart (closeness 0), so the fit must recover that curve for covered ones.
    Random random = new Random(1);
    List<Abstainer.Evidence> rows = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    List<Boolean> none = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      double logit = random.nextGaussian() * 2;
      boolean isNone = i % 5 == 0;
      rows.add(new Abstainer.Evidence(logit, 0, 0, isNone ? 0 : 1, 0, 0));
      none.add(isNone);
      right.add(!isNone && random.nextDouble() < 1 / (1 + Math.exp(-(2 * logit - 1))));
    }

    Abstainer a = Abstainer.fit(rows, toArray(right), toArray(none), new boolean[rows.size()]);

    assertThat(a.logit()).isCloseTo(2.0, within(0.3));
    assertThat(a.probability(new Abstainer.Evidence(0.5, 0, 0, 1, 0, 0)))
        .isCloseTo(0.5, within(0.08));
    assertThat(a.probability(new Abstainer.Evidence(3, 0, 0, 1, 0, 0))).isGreaterThan(0.95);
    assertThat(a.probability(new Abstainer.Evidence(3, 0, 0, 0, 0, 0))).isLessThan(0.5);
  }

  @Test
  void text_with_off_topic_neighbours_is_trusted_less() {
    // Same classifier evidence throughout; uncovered rows have more off-topic texts as neighbours.
    Random random = new Random(2);
    List<Abstainer.Evidence> rows = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    List<Boolean> none = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      boolean isNone = i % 3 == 0;
      double offTopic = isNone ? 0.6 + 0.3 * random.nextDouble() : 0.1 + 0.3 * random.nextDouble();
      rows.add(new Abstainer.Evidence(1, 0, 0, 0.5, 1, offTopic));
      none.add(isNone);
      right.add(!isNone);
    }

    Abstainer a = Abstainer.fit(rows, toArray(right), toArray(none), new boolean[rows.size()]);

    assertThat(a.offTopic()).isNegative();
    assertThat(a.probability(new Abstainer.Evidence(1, 0, 0, 0.5, 1, 0.8)))
        .isLessThan(0.5)
        .isLessThan(a.probability(new Abstainer.Evidence(1, 0, 0, 0.5, 1, 0.2)));
  }

  @Test
  void uncovered_rows_count_as_one_text_in_ten_however_many_were_held_back() {
    // Half the rows are uncovered (as when a fifth of the plays is hidden), the other half right:
    // with no evidence to tell them apart, the probability is the covered share after weighting.
    List<Abstainer.Evidence> rows = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    List<Boolean> none = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(new Abstainer.Evidence(0, 0, 0, 0, 0, 0));
      none.add(i % 2 == 0);
      right.add(i % 2 == 1);
    }

    Abstainer a = Abstainer.fit(rows, toArray(right), toArray(none), new boolean[rows.size()]);

    assertThat(a.probability(rows.get(0))).isCloseTo(1 - Abstainer.NONE_SHARE, within(0.01));
  }

  @Test
  void off_topic_lines_count_as_one_text_in_twenty_beside_the_uncovered_cases() {
    // A third each: uncovered cases, off-topic lines, right answers. However many there are of
    // each, with nothing to tell them apart the probability is the covered share after weighting.
    List<Abstainer.Evidence> rows = new ArrayList<>();
    boolean[] right = new boolean[900];
    boolean[] none = new boolean[900];
    boolean[] offTopic = new boolean[900];
    for (int i = 0; i < 900; i++) {
      rows.add(new Abstainer.Evidence(0, 0, 0, 0, 0, 0));
      none[i] = i % 3 != 2;
      offTopic[i] = i % 3 == 1;
      right[i] = i % 3 == 2;
    }

    Abstainer a = Abstainer.fit(rows, right, none, offTopic);

    assertThat(a.probability(rows.get(0)))
        .isCloseTo(1 - Abstainer.NONE_SHARE - Abstainer.OFF_TOPIC_SHARE, within(0.01));
  }

  @Test
  void without_uncovered_rows_there_is_nothing_to_fit() {
    List<Abstainer.Evidence> rows =
        List.of(
            new Abstainer.Evidence(1, 0, 0, 0, 0, 0), new Abstainer.Evidence(-1, 0, 0, 0, 0, 0));

    assertThat(
            Abstainer.fit(
                rows, new boolean[] {true, false}, new boolean[] {false, false}, new boolean[2]))
        .isNull();
  }

  @Test
  void the_best_candidate_takes_the_probability_and_the_others_keep_order_and_sum_below_one() {
    List<Candidate> ranked =
        List.of(candidate("a", 0.15), candidate("b", 0.10), candidate("c", 0.05));

    List<Candidate> raised = Matcher.withBestConfidence(ranked, 0.8);
    List<Candidate> lowered = Matcher.withBestConfidence(ranked, 0.03);

    assertThat(raised.get(0).confidence()).isEqualTo(0.8);
    assertThat(raised.stream().mapToDouble(Candidate::confidence).sum())
        .isLessThanOrEqualTo(1.0 + 1e-12);
    assertThat(raised.get(1).confidence() / raised.get(2).confidence())
        .isCloseTo(2.0, within(1e-9));
    assertThat(lowered.get(0).confidence()).isEqualTo(0.03);
    assertThat(lowered.get(1).confidence()).isCloseTo(0.02, within(1e-12));
    assertThat(lowered.get(2).confidence()).isCloseTo(0.01, within(1e-12));
    assertThat(lowered).extracting(Candidate::playId).containsExactly("a", "b", "c");
  }

  private static Candidate candidate(String id, double confidence) {
    return new Candidate(id, id, 1, confidence, new Signals(confidence, 0, 0.5, "x"));
  }

  private static boolean[] toArray(List<Boolean> values) {
    boolean[] out = new boolean[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
