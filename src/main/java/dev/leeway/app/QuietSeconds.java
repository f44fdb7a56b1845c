package dev.leeway.app;

import java.util.Arrays;

/**
 * A phase's answers split by the host's steal in the second each request fell due: the latency
 * the server gives when it has the cores, apart from the latency when the host takes them. A
 * backlog built in a noisy second spills into the next, so the quiet figure can overstate what a
 * quiet host would show; it does not replace a quiet run.
 *
 * @param quietSeconds seconds whose steal was under the threshold
 * @param noisySeconds seconds at or over it, or whose steal is unknown
 * @param quiet latencies (sorted) of requests due in quiet seconds
 * @param noisy latencies (sorted) of the rest
 * @param worstSecondSteal the highest steal share of any second; NaN when none is known
 */
record QuietSeconds(int quietSeconds, int noisySeconds, long[] quiet, long[] noisy, double worstSecondSteal) {

  /**
   * @param due when each request fell due (nanoTime), paired with {@code latency}
   * @param from the start of the first second
   * @param steal the steal share of each second from {@code from}
   */
  static QuietSeconds split(long[] due, long[] latency, long from, double[] steal, double threshold) {
    long[] quiet = new long[due.length];
    long[] noisy = new long[due.length];
    int q = 0;
    int n = 0;
    for (int i = 0; i < due.length; i++) {
      int second = (int) Math.floorDiv(due[i] - from, 1_000_000_000L);
      if (second >= 0 && second < steal.length && steal[second] < threshold) {
        quiet[q++] = latency[i];
      } else {
        noisy[n++] = latency[i];
      }
    }
    int quietSeconds = (int) Arrays.stream(steal).filter(s -> s < threshold).count();
    double worst = Arrays.stream(steal).filter(s -> !Double.isNaN(s)).max().orElse(Double.NaN);
    long[] quietSorted = Arrays.copyOf(quiet, q);
    long[] noisySorted = Arrays.copyOf(noisy, n);
    Arrays.sort(quietSorted);
    Arrays.sort(noisySorted);
    return new QuietSeconds(quietSeconds, steal.length - quietSeconds, quietSorted, noisySorted, worst);
  }
}
