package dev.leeway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * The CPU a stretch of the benchmark used: the whole process's, the host's steal, the load
 * generator's event loop, the benchmark's own thread and each kind of thread. Started and stopped
 * on the benchmark's thread, which it counts apart.
 */
final class CpuWindow {

  /** What the stretch used; {@code stolen} is NaN where the host does not tell. */
  record Use(
      long wallNanos,
      long cpuNanos,
      double stolen,
      long loadGeneratorNanos,
      long benchThreadNanos,
      Map<String, Double> byThread) {
    /** Cores the process kept busy on average over {@code nanos} of wall time. */
    double cores(long nanos) {
      return cpuNanos / (double) nanos;
    }

    double loadGeneratorCores() {
      return loadGeneratorNanos / (double) wallNanos;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long loadGeneratorThread;
  private final long cpu0;
  private final CpuTicks ticks0;
  private final long loadGeneratorCpu0;
  private final Map<Long, ThreadGroupCpu.Ticks> threads0;
  private final long benchCpu0;
  private final long wall0;

  private CpuWindow(long loadGeneratorThread) {
    this.loadGeneratorThread = loadGeneratorThread;
    cpu0 = Host.processCpuNanos();
    ticks0 = CpuTicks.now();
    loadGeneratorCpu0 = loadGeneratorCpu();
    threads0 = ThreadGroupCpu.snapshot();
    benchCpu0 = THREADS.getCurrentThreadCpuTime();
    wall0 = System.nanoTime();
  }

  /**
   * Starts counting; {@code loadGeneratorThread} is the client's event loop thread, or -1 when none
   * is running.
   */
  static CpuWindow start(long loadGeneratorThread) {
    return new CpuWindow(loadGeneratorThread);
  }

  Use stop() {
    long wall = System.nanoTime() - wall0;
    long cpu = Host.processCpuNanos() - cpu0;
    double stolen = ticks0 == null ? Double.NaN : ticks0.stolenShareUntil(CpuTicks.now());
    long loadGenerator = loadGeneratorCpu() - loadGeneratorCpu0;
    long bench = THREADS.getCurrentThreadCpuTime() - benchCpu0;
    Map<String, Double> byThread =
        ThreadGroupCpu.shares(threads0, ThreadGroupCpu.snapshot(), loadGenerator, bench);
    return new Use(wall, cpu, stolen, loadGenerator, bench, byThread);
  }

  private long loadGeneratorCpu() {
    return loadGeneratorThread < 0 ? 0 : THREADS.getThreadCpuTime(loadGeneratorThread);
  }
}
