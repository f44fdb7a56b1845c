package dev.leeway.bench;

import dev.leeway.api.Archive;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * What the store costs a suggestion, within one run: closed-loop suggest windows taken in pairs,
 * one with the store in use (the answer recorded, budget usage read from the ledger) and one
 * without (suggestions as they were before the store), the order flipped from pair to pair so that
 * a warming JIT or a host slowing down favours neither. The figure compared is the server's CPU per
 * answer (the process's, less the load generator's and the benchmark thread's), which a busy host
 * changes far less than throughput or latency.
 */
final class StoreCost {

  /** The CPU per answer of each window, in milliseconds, and the ratio of the medians. */
  record Run(List<Double> withStore, List<Double> withoutStore, double ratio) {
    double medianWith() {
      return median(withStore);
    }

    double medianWithout() {
      return median(withoutStore);
    }
  }

  private StoreCost() {}

  static Run run(
      LoadGenerator client,
      String host,
      int port,
      BenchServer bench,
      LoadPlan plan,
      int pairs,
      Deadline deadline)
      throws InterruptedException, TimeoutException {
    Archive archive = bench.server().services().archive();
    List<Double> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    try {
      for (int pair = 0; pair < pairs; pair++) {
        boolean[] order = pair % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true};
        for (boolean on : order) {
          archive.suggestionsUseStore(on);
          // Whatever the last window queued is committed before this one counts.
          archive.store().flush().join();
          SuggestPhase.Run run =
              SuggestPhase.run(client, host, port, bench.suggestTokens(), plan, 0, deadline);
          (on ? with : without).add(serverCpuMsPerAnswer(run));
        }
      }
    } finally {
      archive.suggestionsUseStore(true);
    }
    return new Run(with, without, median(with) / median(without));
  }

  static double serverCpuMsPerAnswer(SuggestPhase.Run run) {
    CpuWindow.Use cpu = run.cpu();
    int answers = run.result().answers();
    if (answers == 0) {
      return Double.NaN;
    }
    return (cpu.cpuNanos() - cpu.loadGeneratorNanos() - cpu.benchThreadNanos()) / 1e6 / answers;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
