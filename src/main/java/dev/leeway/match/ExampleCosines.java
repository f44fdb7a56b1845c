package dev.leeway.match;

import java.util.Arrays;
import org.apache.lucene.util.VectorUtil;

/**
 * A text's cosine to every example of every play, worked out once: the margins' nearest-example
 * evidence, each candidate's closest phrasing and the abstainer's neighbour share all read it. The
 * example vectors of a real pack are larger than a core's cache, so a second pass over them cost as
 * much as the first.
 */
final class ExampleCosines {
  /** How many nearest neighbours {@link #offTopicShare} looks at. */
  static final int NEIGHBOURS = 5;

  private final float[][] byPlay;
  private final int[] nearest;
  private final double[] closest;

  private ExampleCosines(float[][] byPlay, int[] nearest, double[] closest) {
    this.byPlay = byPlay;
    this.nearest = nearest;
    this.closest = closest;
  }

  /** Cosines of unit-length {@code vector} to {@code examples[play][example]}. */
  static ExampleCosines of(float[] vector, float[][][] examples) {
    float[][] byPlay = new float[examples.length][];
    int[] nearest = new int[examples.length];
    double[] closest = new double[examples.length];
    for (int p = 0; p < examples.length; p++) {
      float[] cosines = new float[examples[p].length];
      int best = -1;
      for (int i = 0; i < cosines.length; i++) {
        cosines[i] = VectorUtil.dotProduct(vector, examples[p][i]);
        if (best < 0 || cosines[i] > cosines[best]) {
          best = i;
        }
      }
      byPlay[p] = cosines;
      nearest[p] = best;
      closest[p] = best < 0 ? 0 : cosines[best];
    }
    return new ExampleCosines(byPlay, nearest, closest);
  }

  /** The index of the play's example closest to the text; -1 for a play without examples. */
  int nearest(int play) {
    return nearest[play];
  }

  /** Per play, the cosine to its closest example; 0 for a play without examples. */
  double[] closest() {
    return closest;
  }

  /**
   * The share of off-topic texts among the {@link #NEIGHBOURS} texts closest to {@code vector},
   * drawn from the examples and the off-topic texts (leaving out off-topic text {@code self}). The
   * cosine to the closest off-topic text alone hardly told small talk from a case: both sit around
   * 0.4 from everything in this embedding. Who the neighbours are does: left out in turn, 97% of
   * the starter pack's examples have no off-topic text among their five and 87% of the off-topic
   * lines have at least one. 0 without off-topic texts.
   */
  double offTopicShare(float[] vector, float[][] offTopic, int self) {
    if (offTopic == null || offTopic.length == 0) {
      return 0;
    }
    // The NEIGHBOURS best cosines so far, worst first, and whether each is off-topic.
    double[] best = new double[NEIGHBOURS];
    boolean[] off = new boolean[NEIGHBOURS];
    Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (float[] cosines : byPlay) {
      for (float cosine : cosines) {
        offer(best, off, cosine, false);
      }
    }
    for (int j = 0; j < offTopic.length; j++) {
      if (j != self) {
        offer(best, off, VectorUtil.dotProduct(vector, offTopic[j]), true);
      }
    }
    int count = 0;
    int seen = 0;
    for (int k = 0; k < NEIGHBOURS; k++) {
      if (best[k] != Double.NEGATIVE_INFINITY) {
        seen++;
        count += off[k] ? 1 : 0;
      }
    }
    return seen == 0 ? 0 : (double) count / seen;
  }

  private static void offer(double[] best, boolean[] off, double cosine, boolean isOffTopic) {
    if (cosine <= best[0]) {
      return;
    }
    int k = 0;
    while (k + 1 < best.length && best[k + 1] < cosine) {
      best[k] = best[k + 1];
      off[k] = off[k + 1];
      k++;
    }
    best[k] = cosine;
    off[k] = isOffTopic;
  }
}
