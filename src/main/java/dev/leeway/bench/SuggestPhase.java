package dev.leeway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Phases {@code suggest} and {@code paced}: {@code POST /api/v1/suggest} over N connections, closed
 * loops or paced arrivals, with the CPU of the measured window and the host's behaviour second by
 * second.
 */
final class SuggestPhase {

  /**
   * The share of a second's CPU time lost to other guests under which that second counts as quiet.
   */
  static final double QUIET_STEAL = 0.05;

  /**
   * A second whose answers cost more CPU than this times the median second's ran on a slowed host
   * (or the JIT).
   */
  static final double STEADY_COST = 1.2;

  /** What one suggest phase measured: its answers and the CPU spent in its measured window. */
  record Run(
      double perSecond,
      SuggestLoad.Result result,
      double measuredSeconds,
      CpuWindow.Use cpu,
      double[] stealBySecond,
      QuietSeconds bySteal,
      double[] cpuBySecond,
      QuietSeconds byCost) {
    String phase() {
      return perSecond > 0 ? "paced" : "suggest";
    }
  }

  private SuggestPhase() {}

  /** Runs {@code suggest} when {@code perSecond} is 0, else {@code paced} at that rate. */
  static Run run(
      LoadGenerator client,
      String host,
      int port,
      List<String> tokens,
      LoadPlan plan,
      double perSecond,
      Deadline deadline)
      throws InterruptedException, TimeoutException {
    String phase = perSecond > 0 ? "paced" : "suggest";
    Vertx vertx = client.vertx();
    HttpClientAgent http =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(plan.connections()));
    SuggestLoad load = new SuggestLoad(vertx, http, tokens, plan, perSecond, System.nanoTime());
    // Bounded by the deadline too, so the sampler stops even when the phase fails before close().
    PhaseTimeline timeline = PhaseTimeline.start(deadline.at);
    client.loop().runOnContext(v -> load.begin());
    // CPU is counted over the measured window only.
    deadline.sleepUntil(load.measureFrom, "the suggest warm-up");
    CpuWindow window = CpuWindow.start(client.threadId());
    deadline.sleepUntil(load.end, "the suggest phase");
    CpuWindow.Use cpu = window.stop();
    deadline.await(load.finished, phase);
    SuggestLoad.Result r = deadline.onLoop(client.loop(), load::result);
    try {
      http.close().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the client Vert.x closes it anyway
    }
    timeline.close();
    double measuredSeconds =
        r.lastCompletion() > load.measureFrom
            ? (r.lastCompletion() - load.measureFrom) / 1e9
            : plan.duration();
    int seconds = (int) Math.ceil(plan.duration());
    double[] steal = timeline.stealPerSecond(load.measureFrom, seconds);
    QuietSeconds bySteal =
        QuietSeconds.split(
            r.dueTimes(),
            r.latenciesByDue(),
            load.measureFrom,
            QuietSeconds.underSteal(steal, QUIET_STEAL));
    double[] cpuPerAnswer =
        QuietSeconds.cpuPerAnswer(
            r.dueTimes(),
            r.latenciesByDue(),
            load.measureFrom,
            timeline.cpuNanosPerSecond(load.measureFrom, seconds));
    QuietSeconds byCost =
        QuietSeconds.split(
            r.dueTimes(),
            r.latenciesByDue(),
            load.measureFrom,
            QuietSeconds.atMostTimesMedian(cpuPerAnswer, STEADY_COST));
    return new Run(perSecond, r, measuredSeconds, cpu, steal, bySteal, cpuPerAnswer, byCost);
  }
}
