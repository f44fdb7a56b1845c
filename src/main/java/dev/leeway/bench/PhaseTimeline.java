package dev.leeway.bench;

import java.util.Arrays;

/**
 * The host's steal and this process's CPU, sampled four times a second while a phase runs. A
 * phase's averages hide bursts: a quarter-second in which the hypervisor takes both cores stalls
 * every answer in flight, and a few seconds in which the host runs our cores slower (with no steal
 * to show for it) make each answer cost more CPU than the server has. Set against when each request
 * fell due, the samples tell the host's stalls from Leeway's own.
 */
final class PhaseTimeline implements AutoCloseable {

  private static final long PERIOD_MS = 250;

  private final Thread sampler;
  private final long until;
  // Written by the sampler only; read after close(), which joins it.
  private long[] times = new long[256];
  private long[] totals = new long[256];
  private long[] stolen = new long[256];
  private long[] cpu = new long[256];
  private int size;

  private PhaseTimeline(long until) {
    this.until = until;
    sampler = Thread.ofPlatform().daemon().name("phase-sampler").unstarted(this::sampleUntilClosed);
  }

  /**
   * Starts sampling until {@link #close()} or {@code until} (nanoTime), whichever comes first;
   * without /proc/stat the timeline stays empty and every share is unknown.
   */
  static PhaseTimeline start(long until) {
    PhaseTimeline timeline = new PhaseTimeline(until);
    if (CpuTicks.now() != null) {
      timeline.sampler.start();
    }
    return timeline;
  }

  private void sampleUntilClosed() {
    while (!Thread.currentThread().isInterrupted() && System.nanoTime() - until < 0) {
      CpuTicks ticks = CpuTicks.now();
      if (ticks != null) {
        add(System.nanoTime(), ticks, Host.processCpuNanos());
      }
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void add(long time, CpuTicks ticks, long processCpu) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      totals = Arrays.copyOf(totals, size * 2);
      stolen = Arrays.copyOf(stolen, size * 2);
      cpu = Arrays.copyOf(cpu, size * 2);
    }
    times[size] = time;
    totals[size] = ticks.total();
    stolen[size] = ticks.stolen();
    cpu[size] = processCpu;
    size++;
  }

  boolean sampling() {
    return sampler.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    sampler.interrupt();
    if (sampler.isAlive()) {
      sampler.join();
    }
  }

  /**
   * The steal share of each whole second from {@code from} (nanoTime), {@code seconds} of them,
   * counted between the samples nearest each second's edges; NaN where no two samples bracket it.
   */
  double[] stealPerSecond(long from, int seconds) {
    double[] shares = new double[seconds];
    for (int s = 0; s < seconds; s++) {
      int a = nearest(from + s * 1_000_000_000L);
      int b = nearest(from + (s + 1) * 1_000_000_000L);
      shares[s] =
          a < 0 || b <= a || totals[b] <= totals[a]
              ? Double.NaN
              : (stolen[b] - stolen[a]) / (double) (totals[b] - totals[a]);
    }
    return shares;
  }

  /**
   * The process's CPU time in each whole second from {@code from}, scaled to the span between the
   * samples nearest its edges; -1 where no two samples bracket it or the CPU time is unknown.
   */
  long[] cpuNanosPerSecond(long from, int seconds) {
    long[] nanos = new long[seconds];
    for (int s = 0; s < seconds; s++) {
      int a = nearest(from + s * 1_000_000_000L);
      int b = nearest(from + (s + 1) * 1_000_000_000L);
      nanos[s] =
          a < 0 || b <= a || cpu[a] < 0 || cpu[b] < cpu[a]
              ? -1
              : Math.round((cpu[b] - cpu[a]) * 1e9 / (times[b] - times[a]));
    }
    return nanos;
  }

  private int nearest(long time) {
    int best = -1;
    for (int i = 0; i < size; i++) {
      if (best < 0 || Math.abs(times[i] - time) < Math.abs(times[best] - time)) {
        best = i;
      }
    }
    return best;
  }
}
