package dev.leeway.bench;

import java.util.Arrays;

/**
 * A phase's answers split by the second each request fell due: the latency the server gives while
 * the host holds still, apart from the latency in seconds when it did not. Two tests of a second
 * are used: its steal, and the CPU each answer completed in it cost, against the phase's median
 * second (the host can run the cores slower without any steal to show). A backlog built in a noisy
 * second spills into the next, so the quiet figure can overstate what a quiet host would show; it
 * does not replace a quiet run.
 *
 * @param quietSeconds seconds that passed the test
 * @param noisySeconds seconds that failed it, or whose figure is unknown
 * @param quiet latencies (sorted) of requests due in quiet seconds
 * @param noisy latencies (sorted) of the rest
 */
record QuietSeconds(int quietSeconds, int noisySeconds, long[] quiet, long[] noisy) {

  private static final long SECOND = 1_000_000_000L;

  /**
   * @param due when each request fell due (nanoTime), paired with {@code latency}
   * @param from the start of the first second
   * @param quietSecond whether each second from {@code from} was quiet
   */
  static QuietSeconds split(long[] due, long[] latency, long from, boolean[] quietSecond) {
    long[] quiet = new long[due.length];
    long[] noisy = new long[due.length];
    int q = 0;
    int n = 0;
    for (int i = 0; i < due.length; i++) {
      int second = (int) Math.floorDiv(due[i] - from, SECOND);
      if (second >= 0 && second < quietSecond.length && quietSecond[second]) {
        quiet[q++] = latency[i];
      } else {
        noisy[n++] = latency[i];
      }
    }
    int quietSeconds = 0;
    for (boolean b : quietSecond) {
      quietSeconds += b ? 1 : 0;
    }
    long[] quietSorted = Arrays.copyOf(quiet, q);
    long[] noisySorted = Arrays.copyOf(noisy, n);
    Arrays.sort(quietSorted);
    Arrays.sort(noisySorted);
    return new QuietSeconds(
        quietSeconds, quietSecond.length - quietSeconds, quietSorted, noisySorted);
  }

  /** Seconds whose steal share is known and under {@code threshold}. */
  static boolean[] underSteal(double[] steal, double threshold) {
    boolean[] quiet = new boolean[steal.length];
    for (int s = 0; s < steal.length; s++) {
      quiet[s] = steal[s] < threshold; // false for NaN
    }
    return quiet;
  }

  /**
   * The CPU per answer completed in each second from {@code from}: NaN where the CPU time is
   * unknown or no answer completed.
   *
   * @param cpuNanos the process's CPU time in each second, -1 where unknown
   */
  static double[] cpuPerAnswer(long[] due, long[] latency, long from, long[] cpuNanos) {
    int[] completed = new int[cpuNanos.length];
    for (int i = 0; i < due.length; i++) {
      int second = (int) Math.floorDiv(due[i] + latency[i] - from, SECOND);
      if (second >= 0 && second < completed.length) {
        completed[second]++;
      }
    }
    double[] perAnswer = new double[cpuNanos.length];
    for (int s = 0; s < cpuNanos.length; s++) {
      perAnswer[s] =
          cpuNanos[s] < 0 || completed[s] == 0 ? Double.NaN : cpuNanos[s] / (double) completed[s];
    }
    return perAnswer;
  }

  /** Seconds whose CPU per answer is known and at most {@code factor} times the median second's. */
  static boolean[] atMostTimesMedian(double[] perAnswer, double factor) {
    double median = median(perAnswer);
    boolean[] quiet = new boolean[perAnswer.length];
    for (int s = 0; s < perAnswer.length; s++) {
      quiet[s] = !Double.isNaN(median) && perAnswer[s] <= factor * median; // false for NaN
    }
    return quiet;
  }

  /** The median of the known values; NaN when there are none. */
  static double median(double[] values) {
    double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (known.length == 0) {
      return Double.NaN;
    }
    int mid = known.length / 2;
    return known.length % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
  }

  /** The highest known value; NaN when there are none. */
  static double worst(double[] values) {
    return Arrays.stream(values).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
  }
}
