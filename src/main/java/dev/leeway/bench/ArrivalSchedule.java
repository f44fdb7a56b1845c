package dev.leeway.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * When a paced phase's requests fall due: random arrivals with exactly {@code rate × seconds} of
 * them in the warm-up and in the measured window.
 *
 * <p>Given how many arrivals a Poisson process makes in a window, their times are independent and
 * uniform over it; so sorted uniform times keep the bursts of random arrivals while the count is
 * fixed. A free-running Poisson process offering 378 requests/s for 30 s offers 1% more or less in
 * one run out of three, which alone decided whether a run "reached 70%".
 */
final class ArrivalSchedule {

  private ArrivalSchedule() {}

  /**
   * Due times, in nanoTime units and in order: {@code round(perSecond × seconds)} in [{@code
   * start}, {@code measureFrom}) and as many for [{@code measureFrom}, {@code end}).
   */
  static long[] of(double perSecond, long start, long measureFrom, long end, Random random) {
    if (perSecond <= 0 || start > measureFrom || measureFrom > end) {
      throw new IllegalArgumentException("need a positive rate and start <= measureFrom <= end");
    }
    long[] warmup = window(perSecond, start, measureFrom, random);
    long[] measured = window(perSecond, measureFrom, end, random);
    long[] all = Arrays.copyOf(warmup, warmup.length + measured.length);
    System.arraycopy(measured, 0, all, warmup.length, measured.length);
    return all;
  }

  /** How many requests fall due in a window of {@code nanos}. */
  static int count(double perSecond, long nanos) {
    return (int) Math.round(perSecond * nanos / 1e9);
  }

  private static long[] window(double perSecond, long from, long to, Random random) {
    long[] times = new long[count(perSecond, to - from)];
    for (int i = 0; i < times.length; i++) {
      times[i] = from + (long) (random.nextDouble() * (to - from));
    }
    Arrays.sort(times);
    return times;
  }
}
