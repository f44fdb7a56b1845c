package dev.leeway.match;

import de.bwaldvogel.liblinear.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fits how classifier margins become confidences for one pack. Margins depend on how many plays
 * and examples a pack has, so settings tuned on one data set do not carry over: a pack with eight
 * examples per play gives far smaller margins than one with a hundred.
 *
 * <p>Each round hides a fifth of the plays entirely (their examples stand for situations no play
 * covers) and a quarter of the remaining examples, trains on the rest, and records the margins of
 * everything held back. The temperature and "none" margin that minimise the log-loss over those
 * rows (right play for the visible ones, "none" for the hidden ones) are kept.
 */
final class ConfidenceCalibration {
  private static final int ROUNDS = 3;
  private static final double[] TEMPERATURES = {1, 1.5, 2, 3, 4, 5, 6, 8, 10, 14};

  /**
   * The fitted softmax sharpness, the margin a play must beat to outweigh "none", and the weight
   * of nearest-example evidence in the margins.
   */
  record Fit(double temperature, double noneMargin, double nearestWeight) {}

  private static final double[] NEAREST_WEIGHTS = {0, 1.5, 3};

  private ConfidenceCalibration() {}

  /** Returns {@code fallback} when the pack is too small to hold anything back. */
  static Fit fit(
      Feature[][] x,
      int[] play,
      float[][] vectors,
      int playCount,
      int featureCount,
      double cost,
      Fit fallback) {
    if (playCount < 5 || x.length < 4 * playCount) {
      return fallback;
    }
    Random random = new Random(77);
    List<double[]> margins = new ArrayList<>();
    List<double[]> cosines = new ArrayList<>();
    List<Integer> truth = new ArrayList<>(); // the right play, or -1 for "none"
    for (int round = 0; round < ROUNDS; round++) {
      boolean[] hidden = new boolean[playCount];
      for (int p = 0; p < playCount; p++) {
        hidden[p] = random.nextInt(5) == 0;
      }
      List<Integer> train = new ArrayList<>();
      List<Integer> held = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        if (hidden[play[i]] || random.nextInt(4) == 0) {
          held.add(i);
        } else {
          train.add(i);
        }
      }
      Feature[][] trainX = new Feature[train.size()][];
      int[] trainY = new int[train.size()];
      for (int k = 0; k < trainX.length; k++) {
        trainX[k] = x[train.get(k)];
        trainY[k] = play[train.get(k)];
      }
      if (Arrays.stream(trainY).distinct().count() < 2) {
        continue;
      }
      PlayClassifier classifier = PlayClassifier.train(trainX, trainY, featureCount, cost);
      float[][][] trainVectors = vectors == null ? null : vectorsByPlay(vectors, train, play, playCount);
      for (int i : held) {
        margins.add(classifier.scores(x[i], playCount, featureCount));
        double[] cosine = new double[playCount];
        if (trainVectors != null) {
          for (int p = 0; p < playCount; p++) {
            cosine[p] = trainVectors[p].length == 0 ? 0 : dot(vectors[i], trainVectors[p][Matcher.nearestExample(vectors[i], trainVectors[p])]);
          }
        }
        cosines.add(cosine);
        // A visible play that lost every training example cannot be scored fairly; skip it.
        boolean trainable = hidden[play[i]] || Arrays.stream(trainY).anyMatch(y -> y == play[i]);
        truth.add(hidden[play[i]] ? -1 : trainable ? play[i] : Integer.MIN_VALUE);
      }
    }
    if (margins.isEmpty()) {
      return fallback;
    }
    Fit best = fallback;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (double weight : vectors == null ? new double[] {0} : NEAREST_WEIGHTS) {
      List<double[]> evidence = new ArrayList<>();
      for (int r = 0; r < margins.size(); r++) {
        double[] m = margins.get(r).clone();
        Matcher.addCloseness(m, cosines.get(r), weight);
        evidence.add(m);
      }
      for (double t : TEMPERATURES) {
        // Nearest-example evidence lifts every margin by up to the weight; the none margin follows.
        for (int step = 0; step <= 30; step++) {
          double none = -1.5 + weight * 0.5 + 0.1 * step;
          double loss = logLoss(evidence, truth, t, none);
          if (loss < bestLoss) {
            bestLoss = loss;
            best = new Fit(t, none, weight);
          }
        }
      }
    }
    return best;
  }

  private static float[][][] vectorsByPlay(float[][] vectors, List<Integer> rows, int[] play, int playCount) {
    List<List<float[]>> byPlay = new ArrayList<>();
    for (int p = 0; p < playCount; p++) {
      byPlay.add(new ArrayList<>());
    }
    for (int i : rows) {
      byPlay.get(play[i]).add(vectors[i]);
    }
    float[][][] out = new float[playCount][][];
    for (int p = 0; p < playCount; p++) {
      out[p] = byPlay.get(p).toArray(new float[0][]);
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    return org.apache.lucene.util.VectorUtil.dotProduct(a, b);
  }

  private static double logLoss(List<double[]> margins, List<Integer> truth, double t, double none) {
    double loss = 0;
    for (int r = 0; r < margins.size(); r++) {
      int right = truth.get(r);
      if (right == Integer.MIN_VALUE) {
        continue;
      }
      double[] p = Matcher.softmaxWithNone(margins.get(r), t, none);
      double pRight = right >= 0 ? p[right] : 1 - Arrays.stream(p).sum();
      loss -= Math.log(Math.max(pRight, 1e-12));
    }
    return loss;
  }
}
