package dev.leeway.match;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The words-only first stage of matching: a linear classifier over the text's TF-IDF terms alone,
 * whose answer stands when it is confident enough that the sentence embedding (two thirds of an
 * answer's CPU) could not change the best play.
 *
 * <p>"Confident enough" is learned per pack, never set by hand. The full matcher's calibration
 * rounds (see {@link ConfidenceCalibration}) each hide a fifth of the plays and a quarter of the
 * other examples; the words-only classifier is trained on the same rest and scores the same
 * held-back texts, plus the off-topic texts. Its softmax temperature and "none" margin are fitted
 * to those rows by log-loss. The threshold is then the lowest words-only confidence down to which
 * the words' best play is the full matcher's answer (its best play, or none when it abstains) for
 * at least {@link #AGREEMENT} of every run of {@link #MIN_DECIDED_ROWS} consecutive held-back
 * texts. Hidden plays' texts and off-topic lines are weighted to the shares of such texts among
 * what agents type that the {@link Abstainer} assumes. Packs too large for the calibration rounds
 * get rounds of their own here, with the example's own play standing for the full matcher's answer
 * (it ranks its own examples' plays first) and no play for the hidden and off-topic texts.
 */
final class Cascade {
  /** The share of held-back texts, in every run around and above the threshold, that must agree. */
  static final double AGREEMENT = 0.995;

  // The run over which agreement is counted: below 200 texts, 99.5% cannot be told from 99%.
  static final int MIN_DECIDED_ROWS = 200;
  private static final int ROUNDS = 3;
  private static final double[] TEMPERATURES = {1, 1.5, 2, 3, 4, 5, 6, 8, 10, 14, 20};

  /**
   * The fitted softmax and the threshold.
   *
   * @param threshold the words-only confidence at or above which the words decide; positive
   *     infinity when no threshold reached the agreement on enough rows
   * @param decidedShare the weighted share of held-back rows at or above the threshold
   */
  record Fit(double temperature, double noneMargin, double threshold, double decidedShare) {
    static final Fit NEVER = new Fit(1, 0, Double.POSITIVE_INFINITY, 0);
  }

  private final PlayClassifier classifier;
  private final int featureCount;
  private final Fit fit;

  Cascade(PlayClassifier classifier, int featureCount, Fit fit) {
    this.classifier = classifier;
    this.featureCount = featureCount;
    this.fit = fit;
  }

  Fit fit() {
    return fit;
  }

  /** Per play, the words-only probability that it is the right one; what is left to 1 is "none". */
  double[] probabilities(TreeMap<Integer, Float> lexical, int playCount) {
    double[] margins = classifier.scores(features(lexical), playCount, featureCount);
    return Matcher.softmaxWithNone(margins, fit.temperature(), fit.noneMargin());
  }

  /** Whether a best play with words-only confidence {@code confidence} is decided by the words. */
  boolean decides(double confidence) {
    return confidence >= fit.threshold();
  }

  /** The words-only classifier's features for a TF-IDF vector: its terms, numbered from 1. */
  static Feature[] features(TreeMap<Integer, Float> lexical) {
    Feature[] x = new Feature[lexical.size()];
    int k = 0;
    for (Map.Entry<Integer, Float> e : lexical.entrySet()) {
      x[k++] = new FeatureNode(e.getKey() + 1, e.getValue());
    }
    return x;
  }

  /**
   * Learns the threshold in rounds of its own, against the examples' own plays (for packs too large
   * for the full matcher's calibration rounds, which would give its actual answers).
   *
   * @param x per example, its {@link #features}
   * @param play per example, its play
   * @param exampleKeys per example, its text (decides which round holds it back)
   * @param playKeys per play, its id (decides which round hides it)
   * @param offTopic the off-topic texts' features: rows whose right answer is no play
   */
  static Fit fit(
      Feature[][] x,
      int[] play,
      List<String> exampleKeys,
      List<String> playKeys,
      Feature[][] offTopic,
      int featureCount,
      double cost) {
    int playCount = playKeys.size();
    if (playCount < 5 || x.length < 4 * playCount) {
      return Fit.NEVER;
    }
    List<double[]> margins = new ArrayList<>();
    List<Integer> truth = new ArrayList<>(); // the right play; -1 for a hidden play; OFF_TOPIC
    for (int round = 0; round < ROUNDS; round++) {
      boolean[] hidden = new boolean[playCount];
      for (int p = 0; p < playCount; p++) {
        hidden[p] = ConfidenceCalibration.draw(round, playKeys.get(p), 5);
      }
      List<Integer> train = new ArrayList<>();
      List<Integer> held = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        (hidden[play[i]] || ConfidenceCalibration.draw(round, exampleKeys.get(i), 4) ? held : train)
            .add(i);
      }
      Feature[][] trainX = new Feature[train.size()][];
      int[] trainY = new int[train.size()];
      boolean[] trained = new boolean[playCount];
      for (int k = 0; k < trainX.length; k++) {
        trainX[k] = x[train.get(k)];
        trainY[k] = play[train.get(k)];
        trained[trainY[k]] = true;
      }
      if (Arrays.stream(trainY).distinct().count() < 2) {
        continue;
      }
      PlayClassifier classifier = PlayClassifier.train(trainX, trainY, featureCount, cost);
      for (int i : held) {
        // A visible play that lost every training example cannot be scored fairly; skip it.
        if (hidden[play[i]] || trained[play[i]]) {
          margins.add(classifier.scores(x[i], playCount, featureCount));
          truth.add(hidden[play[i]] ? NONE : play[i]);
        }
      }
      for (Feature[] line : offTopic) {
        margins.add(classifier.scores(line, playCount, featureCount));
        truth.add(OFF_TOPIC);
      }
    }
    return against(margins, truth, truth.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The fit for held-back rows whose words-only margins are {@code margins}, whose right answer is
   * {@code truth} (a play, {@link #NONE} for a hidden play's text, {@link #OFF_TOPIC}, or
   * Integer.MIN_VALUE for a row to leave out) and whose full-path answer is {@code reference} (a
   * play, or a negative number for "no play fits").
   */
  static Fit against(List<double[]> margins, List<Integer> truth, int[] reference) {
    List<double[]> kept = new ArrayList<>();
    List<Integer> keptTruth = new ArrayList<>();
    List<Integer> keptReference = new ArrayList<>();
    for (int r = 0; r < margins.size(); r++) {
      if (truth.get(r) != Integer.MIN_VALUE) {
        kept.add(margins.get(r));
        keptTruth.add(truth.get(r));
        keptReference.add(reference[r]);
      }
    }
    if (kept.isEmpty()) {
      return Fit.NEVER;
    }
    double[] softmax = softmaxFit(kept, keptTruth);
    return threshold(kept, keptTruth, keptReference, softmax[0], softmax[1]);
  }

  static final int NONE = -1;
  static final int OFF_TOPIC = -2;

  /**
   * The temperature and none margin with the least log-loss over the pack's own held-back texts.
   */
  private static double[] softmaxFit(List<double[]> margins, List<Integer> truth) {
    double[] best = {1, 0};
    double bestLoss = Double.POSITIVE_INFINITY;
    for (double t : TEMPERATURES) {
      for (int step = 0; step <= 30; step++) {
        double none = -1.5 + 0.1 * step;
        double loss = 0;
        for (int r = 0; r < margins.size(); r++) {
          int right = truth.get(r);
          if (right == OFF_TOPIC) {
            continue; // as in the full matcher's calibration: off-topic lines teach the threshold
            // only
          }
          double[] p = Matcher.softmaxWithNone(margins.get(r), t, none);
          double pRight = right >= 0 ? p[right] : 1 - Arrays.stream(p).sum();
          loss -= Math.log(Math.max(pRight, 1e-12));
        }
        if (loss < bestLoss) {
          bestLoss = loss;
          best = new double[] {t, none};
        }
      }
    }
    return best;
  }

  /**
   * The lowest confidence down to which every run of {@link #MIN_DECIDED_ROWS} consecutive rows (by
   * confidence) agrees for at least {@link #AGREEMENT} of its weight. Agreement over all the rows
   * above a threshold would let the texts just above it agree far less often (they are averaged
   * with the sure ones at the top); asking it of every run holds each decided text's neighbours in
   * confidence to the bar.
   */
  static Fit threshold(
      List<double[]> margins,
      List<Integer> truth,
      List<Integer> reference,
      double temperature,
      double noneMargin) {
    int n = margins.size();
    double[] confidence = new double[n];
    boolean[] right = new boolean[n];
    int nones = 0;
    int offTopics = 0;
    for (int r = 0; r < n; r++) {
      double[] p = Matcher.softmaxWithNone(margins.get(r), temperature, noneMargin);
      int best = 0;
      for (int q = 1; q < p.length; q++) {
        if (p[q] > p[best]) {
          best = q;
        }
      }
      confidence[r] = p[best];
      right[r] = reference.get(r) == best;
      nones += truth.get(r) == NONE ? 1 : 0;
      offTopics += truth.get(r) == OFF_TOPIC ? 1 : 0;
    }
    int covered = n - nones - offTopics;
    if (covered == 0) {
      return Fit.NEVER;
    }
    double noneWeight = nones == 0 ? 0 : Abstainer.NONE_SHARE / nones;
    double offTopicWeight = offTopics == 0 ? 0 : Abstainer.OFF_TOPIC_SHARE / offTopics;
    double coveredWeight =
        (1
                - (nones == 0 ? 0 : Abstainer.NONE_SHARE)
                - (offTopics == 0 ? 0 : Abstainer.OFF_TOPIC_SHARE))
            / covered;
    Integer[] order = new Integer[n];
    for (int r = 0; r < n; r++) {
      order[r] = r;
    }
    // Stable on ties, so the threshold depends only on the rows, not on how a sort broke them.
    Arrays.sort(order, (a, b) -> Double.compare(confidence[b], confidence[a]));
    double[] w = new double[n];
    for (int k = 0; k < n; k++) {
      int r = order[k];
      w[k] =
          truth.get(r) == OFF_TOPIC
              ? offTopicWeight
              : truth.get(r) == NONE ? noneWeight : coveredWeight;
    }
    double weight = 0;
    double windowWeight = 0;
    double windowRight = 0;
    Fit fit = new Fit(temperature, noneMargin, Double.POSITIVE_INFINITY, 0);
    for (int k = 0; k < n; k++) {
      int r = order[k];
      weight += w[k];
      windowWeight += w[k];
      windowRight += right[r] ? w[k] : 0;
      if (k >= MIN_DECIDED_ROWS) {
        windowWeight -= w[k - MIN_DECIDED_ROWS];
        windowRight -= right[order[k - MIN_DECIDED_ROWS]] ? w[k - MIN_DECIDED_ROWS] : 0;
      }
      if (k + 1 < MIN_DECIDED_ROWS) {
        continue;
      }
      if (windowRight < AGREEMENT * windowWeight - 1e-12) {
        break; // from here down, some decided text's neighbours would agree too rarely
      }
      // A threshold falls between distinct confidences only: rows that tie go to the same side.
      if (k == n - 1 || confidence[order[k + 1]] < confidence[r]) {
        fit = new Fit(temperature, noneMargin, confidence[r], weight);
      }
    }
    return fit;
  }
}
