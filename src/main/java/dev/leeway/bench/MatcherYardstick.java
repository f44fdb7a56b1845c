package dev.leeway.bench;

import dev.leeway.chat.Advisor;
import dev.leeway.chat.Question;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The matcher alone, single-threaded: what one answer costs, and so how many answers a second the
 * cores could give at most — the yardstick for the server's throughput.
 */
final class MatcherYardstick {

  static final double ROUND_GAP_S = 1.5;

  /**
   * What the timed answers took; {@code limit} is the implied answers a second on {@code cores}
   * cores.
   */
  record Run(
      int answers,
      int rounds,
      Latencies latency,
      double limit,
      int cores,
      long timedNanos,
      CpuWindow.Use cpu) {
    double median() {
      return latency.ms(50);
    }

    double mean() {
      return latency.meanMs();
    }

    double cpuMsPerAnswer() {
      return cpu.cpuNanos() / 1e6 / answers;
    }

    double benchThreadMsPerAnswer() {
      return cpu.benchThreadNanos() / 1e6 / answers;
    }

    double coresWhileTiming() {
      return cpu.cores(timedNanos);
    }
  }

  private MatcherYardstick() {}

  static Run time(
      Advisor advisor, LoadPlan plan, int cores, double warmupSeconds, Deadline deadline)
      throws InterruptedException, TimeoutException {
    LocalDate today = LocalDate.now();
    int n = Math.max(1, plan.matcherAnswers());
    // Timed on code the JIT has compiled: early on, it takes a core of its own and the yardstick
    // would come out low (measured: a median of 6-8 ms cold, 3.8-4.5 ms warm).
    long warmUntil = System.nanoTime() + (long) (warmupSeconds * 1e9);
    for (int i = 0; i < n || System.nanoTime() - warmUntil < 0; i++) {
      deadline.check("matcher warm-up");
      advisor.advise(
          new Question(
              AgentTexts.TEXTS.get(i % AgentTexts.TEXTS.size()), Map.of(), "agent", today));
    }
    Latencies latency = new Latencies();
    int rounds = Math.max(1, Math.min(plan.matcherRounds(), n));
    CpuWindow window = CpuWindow.start(-1);
    long timed = 0;
    // The host runs our cores slower for seconds at a time, with no steal to show for it (measured:
    // 30-45% more CPU per answer for 2-5 s); a yardstick timed in one stretch takes whichever speed
    // that stretch had, so the calls are spread over rounds, as a load phase spreads over its
    // window.
    for (int round = 0, i = 0; round < rounds; round++) {
      if (round > 0) {
        deadline.sleepUntil(
            System.nanoTime() + (long) (ROUND_GAP_S * 1e9), "the pause between matcher rounds");
      }
      long wall0 = System.nanoTime();
      for (int end = (int) ((long) n * (round + 1) / rounds); i < end; i++) {
        deadline.check("matcher timing");
        Question question =
            new Question(
                AgentTexts.TEXTS.get(i % AgentTexts.TEXTS.size()), Map.of(), "agent", today);
        long t0 = System.nanoTime();
        advisor.advise(question);
        latency.record(System.nanoTime() - t0);
      }
      timed += System.nanoTime() - wall0;
    }
    CpuWindow.Use cpu = window.stop();
    // The mean, not the median: when the words decide some texts and others need the embedding,
    // answers cost two quite different amounts, and the cores' capacity follows the mean. And the
    // process's CPU per answer when that is more: threads beside the caller (the ONNX runtime's,
    // the JIT's, the collector's) spend the same cores.
    double perAnswer = Math.max(latency.meanMs(), cpu.cpuNanos() / 1e6 / n);
    double limit = cores * 1000.0 / perAnswer;
    return new Run(n, rounds, latency, limit, cores, timed, cpu);
  }
}
