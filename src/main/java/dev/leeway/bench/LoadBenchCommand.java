package dev.leeway.bench;

import dev.leeway.app.InvalidPackException;
import dev.leeway.app.Subcommand;
import dev.leeway.app.ValidateCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Load benchmark: starts the server in this process on 127.0.0.1 (a free port), issues one token
 * per simulated user, measures the matcher's single-threaded cost, then drives two time-bounded
 * phases over loopback only: {@code suggest} (N connections looping {@code POST /api/v1/suggest} as
 * fast as answers come), {@code paced} (the same connections offered a steady share of the
 * matcher's limit, to see the latency at that load) and {@code websocket} (C chat conversations
 * open at once, each sending a message every few seconds). The load generator is one non-blocking
 * Vert.x event loop, so it takes little of the cores it shares with the server.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Load-test the server in-process over loopback: suggest throughput and latency, then many WebSocket conversations at once.")
public final class LoadBenchCommand implements Callable<Integer>, Subcommand {

  private static final String HOST = "127.0.0.1";
  private static final List<String> PHASES = List.of("suggest", "paced", "websocket");

  @Spec CommandSpec spec;

  @Option(
      names = "--phases",
      defaultValue = "suggest,paced,websocket",
      split = ",",
      paramLabel = "PHASE",
      description = "phases to run: suggest, paced, websocket (default: ${DEFAULT-VALUE})")
  List<String> phases;

  @Option(
      names = "--connections",
      defaultValue = "32",
      description = "suggest, paced: concurrent connections (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "suggest, paced: warm-up, not counted (default: ${DEFAULT-VALUE})")
  double warmup;

  @Option(
      names = "--duration",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "suggest, paced: measured time (default: ${DEFAULT-VALUE})")
  double duration;

  @Option(
      names = "--offered",
      defaultValue = "0.75",
      paramLabel = "FRACTION",
      description =
          "paced: requests offered per second as a fraction of the matcher's limit, arriving at random, exactly rate x seconds of them in the warm-up and in the measured window (default: ${DEFAULT-VALUE})")
  double offered;

  @Option(
      names = "--conversations",
      defaultValue = "1000",
      description = "websocket: conversations opened at once (default: ${DEFAULT-VALUE})")
  int conversations;

  @Option(
      names = "--ws-duration",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "websocket: phase length (default: ${DEFAULT-VALUE})")
  double wsDuration;

  @Option(
      names = "--interval",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description =
          "websocket: mean pause between a reply and the next message, ±50%% (default: ${DEFAULT-VALUE})")
  double interval;

  @Option(
      names = "--matcher-answers",
      defaultValue = "1000",
      description =
          "single-threaded advise() calls timed, after as many warm-up calls (default: ${DEFAULT-VALUE})")
  int matcherAnswers;

  @Option(
      names = "--matcher-rounds",
      defaultValue = "5",
      description =
          "rounds the timed advise() calls are split into, 1.5 s apart, so that one slow stretch of the host does not set the yardstick (default: ${DEFAULT-VALUE})")
  int matcherRounds;

  @Option(
      names = "--matcher-warmup",
      defaultValue = "15",
      paramLabel = "SECONDS",
      description =
          "single-threaded warm-up before the advise() calls are timed, when no suggest phase has warmed the server first (default: ${DEFAULT-VALUE})")
  double matcherWarmup;

  @Option(
      names = "--rate",
      defaultValue = "1000000",
      paramLabel = "PER_SECOND",
      description =
          "the server's per-token rate limit, high so the benchmark is not throttled (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--burst",
      defaultValue = "1000000",
      description = "the server's per-token burst (default: ${DEFAULT-VALUE})")
  int burst;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "reuse (and update) the build caches (embeddings, classifiers, calibration) in DIR/cache between runs; tokens still go to a temporary folder (default: all temporary)")
  Path data;

  @Option(
      names = "--store-rounds",
      defaultValue = "0",
      paramLabel = "PAIRS",
      description =
          "suggest: after the phases above, this many pairs of closed-loop windows (--warmup, --duration each), one with the store used by suggestions and one without (no answer record, no ledger read), to measure what the store costs an answer (default: ${DEFAULT-VALUE})")
  int storeRounds;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "seeds the choice of texts and pauses (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--json",
      description = "print one JSON object with every figure on the last line")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Set<String> selected = phases();
    validate();
    LoadPlan plan =
        new LoadPlan(
            connections,
            warmup,
            duration,
            offered,
            conversations,
            wsDuration,
            interval,
            matcherAnswers,
            matcherRounds,
            matcherWarmup,
            seed);
    int cores = Runtime.getRuntime().availableProcessors();
    LoadReport report = new LoadReport(out, plan);
    String loadBefore = Host.loadAverage();
    report.machine(cores, loadBefore);

    int suggestUsers =
        selected.contains("suggest") || selected.contains("paced") || storeRounds > 0
            ? connections
            : 0;
    int socketUsers = selected.contains("websocket") ? conversations : 0;
    BenchServer bench;
    try {
      bench =
          BenchServer.start(
              HOST,
              suggestUsers,
              socketUsers,
              rate,
              burst,
              data == null ? null : data.resolve("cache"));
    } catch (InvalidPackException e) {
      spec.commandLine().getErr().println("leeway: not starting: the content is invalid");
      ValidateCommand.report(spec.commandLine().getErr(), e.problems());
      return 1;
    }
    double budget =
        (selected.contains("suggest") ? warmup + duration : matcherWarmup)
            + (selected.contains("paced") ? warmup + duration : 0)
            + (selected.contains("websocket") ? wsDuration : 0)
            + storeRounds * 2 * (warmup + duration + 5)
            + 60;
    // Closed in reverse: the deadline stands down first, so the clean-up cannot be interrupted.
    try (bench;
        LoadGenerator client = LoadGenerator.start();
        Deadline deadline = Deadline.in(budget)) {
      report.started(bench, HOST, cores, rate, burst, budget, loadBefore);
      int port = bench.server().port();

      // Closed loops first: besides their own figures, they warm every path an answer takes, so the
      // matcher's yardstick below is timed on compiled code rather than during the JIT's busiest
      // time.
      SuggestPhase.Run closed = null;
      if (selected.contains("suggest")) {
        closed = SuggestPhase.run(client, HOST, port, bench.suggestTokens(), plan, 0, deadline);
      }
      MatcherYardstick.Run matcher =
          MatcherYardstick.time(
              bench.server().services().advisor(),
              plan,
              cores,
              closed == null ? matcherWarmup : 0,
              deadline);
      report.matcher(matcher);
      if (closed != null) {
        report.suggest(closed, matcher.limit(), cores);
      }
      if (selected.contains("paced")) {
        SuggestPhase.Run paced =
            SuggestPhase.run(
                client,
                HOST,
                port,
                bench.suggestTokens(),
                plan,
                offered * matcher.limit(),
                deadline);
        report.suggest(paced, matcher.limit(), cores);
      }
      if (storeRounds > 0) {
        report.storeCost(
            StoreCost.run(client, HOST, port, bench, plan, storeRounds, deadline), storeRounds);
      }
      if (selected.contains("websocket")) {
        report.websocket(
            SocketPhase.run(client, HOST, bench.server(), bench.socketTokens(), plan, deadline));
      }
      report.targets(selected);
      report.finish(Host.loadAverage(), json);
      return 0;
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(
          "the benchmark did not finish within its time limit (warm-up + durations + 60 s); stopped: "
              + (e.getMessage() == null ? e.toString() : e.getMessage()),
          e);
    }
  }

  private Set<String> phases() {
    Set<String> selected = new LinkedHashSet<>();
    for (String phase : phases) {
      String p = phase.strip().toLowerCase(Locale.ROOT);
      if (!PHASES.contains(p)) {
        throw new IllegalArgumentException(
            "--phases: unknown phase '" + phase + "' (phases: " + String.join(", ", PHASES) + ")");
      }
      selected.add(p);
    }
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(
          "--phases: name at least one of " + String.join(", ", PHASES));
    }
    return selected;
  }

  private void validate() {
    if (connections < 1 || conversations < 1) {
      throw new IllegalArgumentException("--connections and --conversations must be at least 1");
    }
    if (duration <= 0 || wsDuration <= 0 || warmup < 0 || interval <= 0) {
      throw new IllegalArgumentException(
          "--duration, --ws-duration and --interval must be positive, --warmup not negative");
    }
    if (matcherWarmup < 0) {
      throw new IllegalArgumentException("--matcher-warmup must not be negative");
    }
    if (!(offered > 0 && offered <= 10)) {
      throw new IllegalArgumentException(
          "--offered must be above 0 and at most 10 (a fraction of the matcher's limit)");
    }
    if (storeRounds < 0) {
      throw new IllegalArgumentException("--store-rounds must not be negative");
    }
    if (rate < 1 || burst < 1) {
      throw new IllegalArgumentException("--rate and --burst must be at least 1");
    }
  }
}
