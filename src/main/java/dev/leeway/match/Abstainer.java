package dev.leeway.match;

import java.util.List;

/**
 * The probability that the best-ranked play is the right one, learned per pack: a logistic
 * regression over what the ranking itself shows (how sure the classifier is, by how much the best
 * play leads, how close the text comes to one of its examples, and how long the text is), fitted on
 * texts held back while the calibration rounds trained. A fixed threshold on the softmax alone
 * misjudges small packs: long, fact-heavy texts score low even when the right play leads clearly.
 * It also looks at whether the text's nearest neighbours are off-topic texts rather than examples:
 * small talk that borrows a play's words ("anyone want anything from the sandwich shop") still has
 * small talk for neighbours.
 *
 * @param bias the intercept
 * @param logit weight of the log-odds of the best play's classifier probability
 * @param margin weight of the best play's margin (with nearest-example evidence)
 * @param lead weight of that margin's lead over the next play's
 * @param closeness weight of the cosine to the best play's closest example (0 without embeddings)
 * @param length weight of log(1 + the text's content words)
 * @param offTopic weight of the share of off-topic texts among the text's nearest neighbours (0
 *     without embeddings or list)
 */
record Abstainer(
    double bias,
    double logit,
    double margin,
    double lead,
    double closeness,
    double length,
    double offTopic) {
  // Hiding a fifth of the plays makes about half the held-back texts uncovered; fitted on that mix,
  // the abstainer would expect every other text an agent types to have no play. Weighted down to
  // one text in ten, its probability fits texts that are mostly covered, as agents' texts are.
  static final double NONE_SHARE = 0.1;
  // Off-topic lines stand for a second kind of text with no play, small talk rather than a case
  // no play covers, and get their own share. Sharing one tenth with the hidden plays, they took
  // most of it once the neighbour share told them apart, and the abstainer came to expect almost
  // no uncovered cases: with 10 plays held out, none recall fell from 0.45 to 0.39.
  static final double OFF_TOPIC_SHARE = 0.05;
  private static final double RIDGE = 1.0;
  private static final int NEWTON_STEPS = 30;
  private static final int WEIGHTS = 7;

  /** What the abstainer looks at for one text's best play. */
  record Evidence(
      double logit, double margin, double lead, double closeness, double length, double offTopic) {
    /**
     * @param margins per play, the classifier margin plus nearest-example evidence
     * @param semantic per play, the softmax-with-none probability of those margins
     * @param cosine per play, the cosine to its closest example; null without embeddings
     * @param best the best-ranked play
     * @param offTopic the share of off-topic texts among the text's nearest neighbours; 0 without
     *     embeddings or list
     */
    static Evidence of(
        double[] margins,
        double[] semantic,
        double[] cosine,
        int best,
        int contentTerms,
        double offTopic) {
      double p = Math.min(1 - 1e-6, Math.max(1e-6, semantic[best]));
      double next = Double.NEGATIVE_INFINITY;
      for (int q = 0; q < margins.length; q++) {
        if (q != best) {
          next = Math.max(next, margins[q]);
        }
      }
      // A pack whose other plays have no examples left: the lead is over nothing.
      double lead = next == Double.NEGATIVE_INFINITY ? 0 : margins[best] - next;
      return new Evidence(
          Math.log(p / (1 - p)),
          margins[best],
          lead,
          cosine == null ? 0 : cosine[best],
          Math.log1p(contentTerms),
          offTopic);
    }

    double[] values() {
      return new double[] {1, logit, margin, lead, closeness, length, offTopic};
    }
  }

  double probability(Evidence e) {
    double z =
        bias
            + logit * e.logit()
            + margin * e.margin()
            + lead * e.lead()
            + closeness * e.closeness()
            + length * e.length()
            + offTopic * e.offTopic();
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Fits the weights by Newton's method on the weighted log-loss (seven weights, so exact steps are
   * cheap; LIBLINEAR has no per-row weights). Rows of hidden plays share {@link #NONE_SHARE} of the
   * total weight and off-topic lines {@link #OFF_TOPIC_SHARE}; the bias is not penalised.
   *
   * @param right per row, whether the best-ranked play was the right one
   * @param none per row, whether the text has no play (then {@code right} is false)
   * @param offTopic per row, whether the text is an off-topic line (then {@code none} too)
   * @return null when there are not both covered and uncovered rows to learn from
   */
  static Abstainer fit(List<Evidence> rows, boolean[] right, boolean[] none, boolean[] offTopic) {
    int nones = 0;
    int offTopics = 0;
    for (int r = 0; r < rows.size(); r++) {
      nones += none[r] && !offTopic[r] ? 1 : 0;
      offTopics += offTopic[r] ? 1 : 0;
    }
    if (nones + offTopics == 0 || nones + offTopics == rows.size()) {
      return null;
    }
    // Each kind of row shares its part of the total weight, however many rows of it there are.
    double noneWeight = nones == 0 ? 0 : NONE_SHARE * rows.size() / nones;
    double offTopicWeight = offTopics == 0 ? 0 : OFF_TOPIC_SHARE * rows.size() / offTopics;
    double coveredShare =
        1 - (nones == 0 ? 0 : NONE_SHARE) - (offTopics == 0 ? 0 : OFF_TOPIC_SHARE);
    double coveredWeight = coveredShare * rows.size() / (rows.size() - nones - offTopics);
    double[] w = new double[WEIGHTS];
    for (int step = 0; step < NEWTON_STEPS; step++) {
      double[] gradient = new double[WEIGHTS];
      double[][] hessian = new double[WEIGHTS][WEIGHTS];
      for (int j = 1; j < WEIGHTS; j++) {
        gradient[j] = RIDGE * w[j];
        hessian[j][j] = RIDGE;
      }
      for (int r = 0; r < rows.size(); r++) {
        double[] x = rows.get(r).values();
        double z = 0;
        for (int j = 0; j < WEIGHTS; j++) {
          z += w[j] * x[j];
        }
        double p = 1 / (1 + Math.exp(-z));
        double weight = offTopic[r] ? offTopicWeight : none[r] ? noneWeight : coveredWeight;
        double residual = weight * (p - (right[r] ? 1 : 0));
        double curvature = weight * p * (1 - p);
        for (int j = 0; j < WEIGHTS; j++) {
          gradient[j] += residual * x[j];
          for (int k = 0; k < WEIGHTS; k++) {
            hessian[j][k] += curvature * x[j] * x[k];
          }
        }
      }
      double[] delta = solve(hessian, gradient);
      double largest = 0;
      for (int j = 0; j < WEIGHTS; j++) {
        w[j] -= delta[j];
        largest = Math.max(largest, Math.abs(delta[j]));
      }
      if (largest < 1e-9) {
        break;
      }
    }
    return new Abstainer(w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
  }

  /** Gaussian elimination with partial pivoting; the ridge keeps the system well conditioned. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= m[r][k] * x[k];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }
}
