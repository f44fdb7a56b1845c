package dev.leeway.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.app.InvalidPackException;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.Subcommand;
import dev.leeway.app.ValidateCommand;
import dev.leeway.auth.TokenStore;
import dev.leeway.chat.Advisor;
import dev.leeway.chat.Question;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Load benchmark: starts the server in this process on 127.0.0.1 (a free port), issues one token
 * per simulated user, measures the matcher's single-threaded cost, then drives two time-bounded
 * phases over loopback only: {@code suggest} (N connections looping {@code POST /api/v1/suggest}
 * as fast as answers come), {@code paced} (the same connections offered a steady share of the
 * matcher's limit, to see the latency at that load) and {@code websocket} (C chat conversations
 * open at once, each sending a message every few seconds). The load generator is one non-blocking Vert.x event loop, so it takes little of the
 * cores it shares with the server.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Load-test the server in-process over loopback: suggest throughput and latency, then many WebSocket conversations at once.")
public final class LoadBenchCommand implements Callable<Integer>, Subcommand {

  private static final String HOST = "127.0.0.1";
  private static final double MB = 1024.0 * 1024.0;
  private static final List<String> PHASES = List.of("suggest", "paced", "websocket");
  // The share of a second's CPU time lost to other guests under which that second counts as quiet.
  private static final double QUIET_STEAL = 0.05;
  private static final double MATCHER_ROUND_GAP_S = 1.5;
  /** A second whose answers cost more CPU than this times the median second's ran on a slowed host (or the JIT). */
  private static final double STEADY_COST = 1.2;
  /**
   * A paced phase kept up when its answers came at 99% of the offered rate or more: with every
   * offered request answered, that allows a backlog of 0.3 s at the end of a 30 s window.
   */
  private static final double KEPT_UP = 0.99;

  /** What agents type: the starter pack's domains, and a few that no play covers. */
  static final List<String> TEXTS =
      List.of(
          "Customer says the blender arrived with a cracked jug, order total was $89.99, delivered yesterday",
          "parcel was meant to arrive Monday and tracking hasn't moved in 6 days",
          "tracking says delivered but she never got the parcel, nothing at the door or with the neighbours",
          "he was charged twice for the same monthly subscription this month, 14.99 each time",
          "customer lost her Northwind card on the train this morning and wants it blocked",
          "account locked after too many wrong passwords, he needs to pay a bill today",
          "no internet since last night, the whole street is down and she works from home",
          "ordered a blue jacket size M but received a red one in size L",
          "wants to cancel the order he placed an hour ago, it hasn't shipped yet",
          "the price dropped by 20 dollars three days after she bought the TV",
          "customer is still being charged after cancelling the subscription in March",
          "the cash machine didn't give out the 100 pounds but it was taken from his account",
          "there's a payment of 250 euros on her card from a shop she has never heard of",
          "the technician didn't turn up for the 8-12 appointment, the customer took the day off work",
          "router keeps rebooting and the lights are flashing orange",
          "password reset email never arrives, she already checked the spam folder",
          "customer can't get the two-step verification code since changing his phone number",
          "returned the shoes 3 weeks ago and still no refund, the warehouse received them on the 3rd",
          "one item missing from the order, the charger wasn't in the box",
          "promo code SPRING20 didn't apply at checkout so she paid the full price of 120",
          "free trial ended and she was charged 49 without any reminder",
          "late payment fee of 25 on the card statement but he says he paid on time",
          "the replacement card still hasn't arrived after 10 days",
          "paid 9.95 for express delivery but the parcel came two days late",
          "the kettle stopped working after 4 months of normal use",
          "the TV box is smoking and smells of burning plastic",
          "gift card shows as invalid at the till, the balance should be 50",
          "customer is moving house next month and wants to take the broadband with him",
          "connection drops every evening and the speed is under 2 Mbps",
          "the parcel went back to the sender because nobody was home to sign for it",
          "the courier is asking her to pay 35 in customs charges before they deliver",
          "someone got into his account and changed the email address and phone number",
          "customer got a text claiming to be from Northwind asking for his PIN",
          "she was promised a callback yesterday and nobody ever called",
          "wants to go back to the cheaper plan, the upgrade last week was a mistake",
          "interest was charged even though she paid the balance in full",
          "the card was declined at the supermarket but there is plenty of credit left",
          "a pending hold of 300 from the hotel has still not been released after a week",
          "customer lost his job and can't pay this month's bill, asking for some help",
          "what's the weather going to be like in Leeds tomorrow",
          "do we sell garden furniture in green",
          "can you recommend a good pizza place near the office",
          "he wants to know what our share price is today");

  /** What agents add once a situation is on the table: facts, answers to questions, asks. */
  static final List<String> FOLLOW_UPS =
      List.of(
          "the order total was $64.50",
          "she has been a customer for 4 years",
          "it was delivered 3 days ago",
          "he already contacted us twice about this",
          "yes, she still has the original packaging",
          "the customer is gold tier",
          "the amount was 32 pounds",
          "he paid by card",
          "customer is quite upset and asking for compensation",
          "ok, what can I offer him now?");

  @Spec CommandSpec spec;

  @Option(names = "--phases", defaultValue = "suggest,paced,websocket", split = ",", paramLabel = "PHASE", description = "phases to run: suggest, paced, websocket (default: ${DEFAULT-VALUE})")
  List<String> phases;

  @Option(names = "--connections", defaultValue = "32", description = "suggest, paced: concurrent connections (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(names = "--warmup", defaultValue = "5", paramLabel = "SECONDS", description = "suggest, paced: warm-up, not counted (default: ${DEFAULT-VALUE})")
  double warmup;

  @Option(names = "--duration", defaultValue = "30", paramLabel = "SECONDS", description = "suggest, paced: measured time (default: ${DEFAULT-VALUE})")
  double duration;

  @Option(names = "--offered", defaultValue = "0.75", paramLabel = "FRACTION", description = "paced: requests offered per second as a fraction of the matcher's limit, arriving at random, exactly rate x seconds of them in the warm-up and in the measured window (default: ${DEFAULT-VALUE})")
  double offered;

  @Option(names = "--conversations", defaultValue = "1000", description = "websocket: conversations opened at once (default: ${DEFAULT-VALUE})")
  int conversations;

  @Option(names = "--ws-duration", defaultValue = "30", paramLabel = "SECONDS", description = "websocket: phase length (default: ${DEFAULT-VALUE})")
  double wsDuration;

  @Option(names = "--interval", defaultValue = "5", paramLabel = "SECONDS", description = "websocket: mean pause between a reply and the next message, ±50%% (default: ${DEFAULT-VALUE})")
  double interval;

  @Option(names = "--matcher-answers", defaultValue = "1000", description = "single-threaded advise() calls timed, after as many warm-up calls (default: ${DEFAULT-VALUE})")
  int matcherAnswers;

  @Option(names = "--matcher-rounds", defaultValue = "5", description = "rounds the timed advise() calls are split into, 1.5 s apart, so that one slow stretch of the host does not set the yardstick (default: ${DEFAULT-VALUE})")
  int matcherRounds;

  @Option(names = "--matcher-warmup", defaultValue = "15", paramLabel = "SECONDS", description = "single-threaded warm-up before the advise() calls are timed, when no suggest phase has warmed the server first (default: ${DEFAULT-VALUE})")
  double matcherWarmup;

  @Option(names = "--rate", defaultValue = "1000000", paramLabel = "PER_SECOND", description = "the server's per-token rate limit, high so the benchmark is not throttled (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(names = "--burst", defaultValue = "1000000", description = "the server's per-token burst (default: ${DEFAULT-VALUE})")
  int burst;

  @Option(names = "--data", paramLabel = "DIR", description = "reuse (and update) the embedding cache in DIR/cache between runs; tokens still go to a temporary folder (default: all temporary)")
  Path data;

  @Option(names = "--seed", defaultValue = "7", description = "seeds the choice of texts and pauses (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--json", description = "print one JSON object with every figure on the last line")
  boolean json;

  private final ObjectNode report = Json.json().createObjectNode();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Set<String> selected = phases();
    validate();
    int cores = Runtime.getRuntime().availableProcessors();
    String loadBefore = loadAverage();
    report.put("cores", cores);
    report.put("java", Runtime.version().toString());
    report.put("load_average_before", loadBefore);

    Path dataDir = Files.createTempDirectory("leeway-bench-");
    LeewayServer server = null;
    Vertx client = null;
    Watchdog watchdog = null;
    try {
      copyCache(data == null ? null : data.resolve("cache"), dataDir.resolve("cache"));
      int suggestUsers = selected.contains("suggest") || selected.contains("paced") ? connections : 0;
      int socketUsers = selected.contains("websocket") ? conversations : 0;
      long issuing = System.nanoTime();
      List<String> suggestTokens = new ArrayList<>();
      List<String> socketTokens = new ArrayList<>();
      TokenStore store = TokenStore.open(dataDir);
      Instant now = Instant.now();
      for (int i = 0; i < suggestUsers; i++) {
        suggestTokens.add(store.issue(String.format(Locale.ROOT, "bench-suggest-%03d", i), "agent", now));
      }
      for (int i = 0; i < socketUsers; i++) {
        socketTokens.add(store.issue(String.format(Locale.ROOT, "bench-ws-%04d", i), i % 4 == 3 ? "senior_agent" : "agent", now));
      }
      long tokensMs = ms(System.nanoTime() - issuing);

      // The environment's content, limits and timeouts; loopback, a free port, the temporary data
      // folder and a rate limit that does not throttle the benchmark.
      ServerConfig env = ServerConfig.fromEnvironment(System.getenv());
      ServerConfig config =
          new ServerConfig(
                  HOST, env.port(), env.playbooks(), env.configDir(), dataDir, env.maxBodyBytes(), rate, burst,
                  env.conversationIdle(), env.socketIdle())
              .withPort(0);
      long starting = System.nanoTime();
      try {
        server = LeewayServer.start(config);
      } catch (InvalidPackException e) {
        spec.commandLine().getErr().println("leeway: not starting: the content is invalid");
        ValidateCommand.report(spec.commandLine().getErr(), e.problems());
        return 1;
      }
      long startMs = ms(System.nanoTime() - starting);
      copyCache(dataDir.resolve("cache"), data == null ? null : data.resolve("cache"));

      double budget =
          (selected.contains("suggest") ? warmup + duration : matcherWarmup)
              + (selected.contains("paced") ? warmup + duration : 0)
              + (selected.contains("websocket") ? wsDuration : 0)
              + 60;
      long deadline = System.nanoTime() + (long) (budget * 1e9);
      watchdog = new Watchdog(Thread.currentThread(), deadline);

      report.put("plays", server.plays());
      report.put("startup_ms", startMs);
      report.put("max_heap_mb", Math.round(Runtime.getRuntime().maxMemory() / MB));
      ObjectNode limit = report.putObject("rate_limit");
      limit.put("per_second", rate).put("burst", burst).put("per", "token");
      report.put("tokens", suggestUsers + socketUsers);
      report.put("tokens_ms", tokensMs);
      out.printf(
          Locale.ROOT,
          "Leeway load benchmark: %d plays on http://%s:%d/ (started in %.1f s), %d cores, Java %s, max heap %d MB%n",
          server.plays(), HOST, server.port(), startMs / 1000.0, cores, Runtime.version(), Math.round(Runtime.getRuntime().maxMemory() / MB));
      out.printf(
          Locale.ROOT,
          "rate limit %d requests/s per token, burst %d (set by the benchmark); %d tokens issued in %d ms; time limit %.0f s%n",
          rate, burst, suggestUsers + socketUsers, tokensMs, budget);
      out.printf("load average before: %s%n", loadBefore);
      out.flush();

      client =
          Vertx.builder()
              .with(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1))
              .build();
      Context loop = client.getOrCreateContext();
      long loopThread = onLoop(loop, () -> Thread.currentThread().threadId(), deadline);

      // Closed loops first: besides their own figures, they warm every path an answer takes, so the
      // matcher's yardstick below is timed on compiled code rather than during the JIT's busiest time.
      SuggestRun closed = null;
      if (selected.contains("suggest")) {
        closed = suggest(client, loop, loopThread, server.port(), suggestTokens, 0, deadline);
      }
      double limitPerSecond = matcherLimit(out, server.services().advisor(), cores, closed == null ? matcherWarmup : 0, deadline);
      if (closed != null) {
        report(out, closed, limitPerSecond, cores);
      }
      if (selected.contains("paced")) {
        report(out, suggest(client, loop, loopThread, server.port(), suggestTokens, offered * limitPerSecond, deadline), limitPerSecond, cores);
      }
      if (selected.contains("websocket")) {
        websocket(out, client, loop, loopThread, server, socketTokens, deadline);
      }
      targets(out, selected);
      String loadAfter = loadAverage();
      report.put("load_average_after", loadAfter);
      out.printf("load average after: %s%n", loadAfter);
      if (json) {
        out.println(Json.json().writeValueAsString(report));
      }
      out.flush();
      return 0;
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(
          "the benchmark did not finish within its time limit (warm-up + durations + 60 s); stopped: "
              + (e.getMessage() == null ? e.toString() : e.getMessage()),
          e);
    } finally {
      if (watchdog != null) {
        watchdog.standDown();
      }
      if (client != null) {
        try {
          client.close().await(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // closing anyway
        }
      }
      if (server != null) {
        server.close();
      }
      deleteTree(dataDir);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The matcher alone, single-threaded: the yardstick for the server's throughput.

  private double matcherLimit(PrintWriter out, Advisor advisor, int cores, double warmupSeconds, long deadline)
      throws InterruptedException, TimeoutException {
    LocalDate today = LocalDate.now();
    int n = Math.max(1, matcherAnswers);
    // Timed on code the JIT has compiled: early on, it takes a core of its own and the yardstick
    // would come out low (measured: a median of 6-8 ms cold, 3.8-4.5 ms warm).
    long warmUntil = System.nanoTime() + (long) (warmupSeconds * 1e9);
    for (int i = 0; i < n || System.nanoTime() - warmUntil < 0; i++) {
      checkDeadline(deadline, "matcher warm-up");
      advisor.advise(new Question(TEXTS.get(i % TEXTS.size()), Map.of(), "agent", today));
    }
    long[] nanos = new long[n];
    int rounds = Math.max(1, Math.min(matcherRounds, n));
    Map<Long, ThreadGroupCpu.Ticks> threads0 = ThreadGroupCpu.snapshot();
    long mainCpu0 = threads.getCurrentThreadCpuTime();
    long cpu0 = processCpuNanos();
    CpuTicks ticks0 = CpuTicks.now();
    long timed = 0;
    // The host runs our cores slower for seconds at a time, with no steal to show for it (measured:
    // 30-45% more CPU per answer for 2-5 s); a yardstick timed in one stretch takes whichever speed
    // that stretch had, so the calls are spread over rounds, as a load phase spreads over its window.
    for (int round = 0, i = 0; round < rounds; round++) {
      if (round > 0) {
        sleepUntil(System.nanoTime() + (long) (MATCHER_ROUND_GAP_S * 1e9), deadline, "the pause between matcher rounds");
      }
      long wall0 = System.nanoTime();
      for (int end = (int) ((long) n * (round + 1) / rounds); i < end; i++) {
        checkDeadline(deadline, "matcher timing");
        Question question = new Question(TEXTS.get(i % TEXTS.size()), Map.of(), "agent", today);
        long t0 = System.nanoTime();
        advisor.advise(question);
        nanos[i] = System.nanoTime() - t0;
      }
      timed += System.nanoTime() - wall0;
    }
    long cpu = processCpuNanos() - cpu0;
    double stolen = ticks0 == null ? Double.NaN : ticks0.stolenShareUntil(CpuTicks.now());
    double cpuCores = cpu / (double) timed;
    long callerCpu = threads.getCurrentThreadCpuTime() - mainCpu0;
    Map<String, Double> byThread = ThreadGroupCpu.shares(threads0, ThreadGroupCpu.snapshot(), 0, callerCpu);
    double cpuMs = cpu / 1e6 / n;
    Arrays.sort(nanos);
    double median = percentile(nanos, 0.5) / 1e6;
    double limit = cores * 1000.0 / median;
    ObjectNode matcher = report.putObject("matcher");
    matcher.put("answers", n);
    matcher.put("rounds", rounds);
    matcher.put("median_ms", round(median, 3));
    matcher.put("p99_ms", round(percentile(nanos, 0.99) / 1e6, 3));
    matcher.put("limit_answers_per_s", round(limit, 1));
    matcher.put("cpu_ms_per_answer", round(cpuMs, 3));
    matcher.put("cpu_cores_while_timing", round(cpuCores, 2));
    matcher.put("caller_cpu_ms_per_answer", round(callerCpu / 1e6 / n, 3));
    matcher.set("cpu_by_thread", Json.json().valueToTree(byThread));
    if (!Double.isNaN(stolen)) {
      matcher.put("steal_share", round(stolen, 3));
    }
    out.printf(
        Locale.ROOT,
        "%nmatcher, single-threaded: advise() median %.2f ms, p99 %.2f ms over %d answers in %d rounds %.1f s apart%n"
            + "  implied %d-core limit: %d x 1000 / %.2f = %.1f answers/s%n"
            + "  cpu          %.2f ms per answer in the process (%.2f in the calling thread), %.2f cores busy while timing%n"
            + "  cpu by thread %s%n"
            + "  host         %s%n",
        median, percentile(nanos, 0.99) / 1e6, n, rounds, MATCHER_ROUND_GAP_S, cores, cores, median, limit, cpuMs, callerCpu / 1e6 / n, cpuCores,
        ThreadGroupCpu.text(byThread), stealText(stolen));
    out.flush();
    return limit;
  }

  // ---------------------------------------------------------------------------------------------
  // Phases 1 and 2: POST /api/v1/suggest over N connections, closed loops or paced arrivals.

  /** What one suggest phase measured: its answers and the CPU spent in its measured window. */
  private record SuggestRun(
      double perSecond, SuggestLoad.Result result, double measuredSeconds, long cpuNanos, double cpuCores, double clientCores,
      Map<String, Double> byThread, double stolen, double[] stealBySecond, QuietSeconds bySteal, double[] cpuBySecond, QuietSeconds byCost) {
    String phase() {
      return perSecond > 0 ? "paced" : "suggest";
    }
  }

  /** Runs {@code suggest} when {@code perSecond} is 0, else {@code paced} at that rate. */
  private SuggestRun suggest(Vertx vertx, Context loop, long loopThread, int port, List<String> tokens, double perSecond, long deadline)
      throws InterruptedException, TimeoutException {
    String phase = perSecond > 0 ? "paced" : "suggest";
    HttpClientAgent http =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost(HOST).setDefaultPort(port).setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connections));
    SuggestLoad load = new SuggestLoad(vertx, http, tokens, perSecond, System.nanoTime());
    // Bounded by the deadline too, so the sampler stops even when the phase fails before close().
    PhaseTimeline timeline = PhaseTimeline.start(deadline);
    loop.runOnContext(v -> load.begin());
    // CPU is counted over the measured window only.
    sleepUntil(load.measureFrom, deadline, "the suggest warm-up");
    long cpu0 = processCpuNanos();
    CpuTicks ticks0 = CpuTicks.now();
    long loopCpu0 = threads.getThreadCpuTime(loopThread);
    Map<Long, ThreadGroupCpu.Ticks> threads0 = ThreadGroupCpu.snapshot();
    long mainCpu0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    sleepUntil(load.end, deadline, "the suggest phase");
    double stolen = ticks0 == null ? Double.NaN : ticks0.stolenShareUntil(CpuTicks.now());
    long cpu = processCpuNanos() - cpu0;
    long wall = System.nanoTime() - wall0;
    long loopCpu = threads.getThreadCpuTime(loopThread) - loopCpu0;
    Map<String, Double> byThread =
        ThreadGroupCpu.shares(threads0, ThreadGroupCpu.snapshot(), loopCpu, threads.getCurrentThreadCpuTime() - mainCpu0);
    double clientCores = loopCpu / (double) wall;
    double cpuCores = cpu / (double) wall;
    await(load.finished, deadline, phase);
    SuggestLoad.Result r = onLoop(loop, load::result, deadline);
    try {
      http.close().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the client Vert.x closes it anyway
    }
    timeline.close();
    double measuredSeconds = r.lastCompletion > load.measureFrom ? (r.lastCompletion - load.measureFrom) / 1e9 : duration;
    int seconds = (int) Math.ceil(duration);
    double[] steal = timeline.stealPerSecond(load.measureFrom, seconds);
    QuietSeconds bySteal = QuietSeconds.split(r.dueTimes, r.latenciesByDue, load.measureFrom, QuietSeconds.underSteal(steal, QUIET_STEAL));
    double[] cpuPerAnswer = QuietSeconds.cpuPerAnswer(r.dueTimes, r.latenciesByDue, load.measureFrom, timeline.cpuNanosPerSecond(load.measureFrom, seconds));
    QuietSeconds byCost =
        QuietSeconds.split(r.dueTimes, r.latenciesByDue, load.measureFrom, QuietSeconds.atMostTimesMedian(cpuPerAnswer, STEADY_COST));
    return new SuggestRun(perSecond, r, measuredSeconds, cpu, cpuCores, clientCores, byThread, stolen, steal, bySteal, cpuPerAnswer, byCost);
  }

  private void report(PrintWriter out, SuggestRun run, double limit, int cores) {
    SuggestLoad.Result r = run.result();
    double perSecond = run.perSecond();
    double measuredSeconds = run.measuredSeconds();
    double cpuCores = run.cpuCores();
    double clientCores = run.clientCores();
    Map<String, Double> byThread = run.byThread();
    double cpuMs = r.latencies.length == 0 ? 0 : run.cpuNanos() / 1e6 / r.latencies.length;
    double throughput = r.latencies.length / measuredSeconds;
    double ratio = throughput / limit;
    ObjectNode node = report.putObject(run.phase());
    node.put("connections", connections);
    if (perSecond > 0) {
      node.put("offered_per_s", round(perSecond, 1));
      node.put("offered_requests", ArrivalSchedule.count(perSecond, (long) (duration * 1e9)));
      node.put("offered_limit_ratio", round(offered, 3));
    }
    node.put("warmup_s", warmup);
    node.put("duration_s", duration);
    node.put("answers", r.latencies.length);
    node.put("answers_per_s", round(throughput, 1));
    node.put("limit_ratio", round(ratio, 3));
    node.set("latency_ms", latencyJson(r.latencies));
    node.set("errors", errorsJson(r.errors));
    node.put("matched", r.matched).put("unmatched", r.unmatched);
    node.put("cpu_cores", round(cpuCores, 2));
    node.put("load_generator_cpu_cores", round(clientCores, 2));
    node.put("cpu_ms_per_answer", round(cpuMs, 3));
    double cpuBound = cpuMs <= 0 ? 0 : cores * 1000.0 / cpuMs;
    node.put("cpu_bound_answers_per_s", round(cpuBound, 1));
    node.set("cpu_by_thread", Json.json().valueToTree(byThread));
    if (!Double.isNaN(run.stolen())) {
      node.put("steal_share", round(run.stolen(), 3));
    }
    QuietSeconds bySteal = run.bySteal();
    double worstSteal = QuietSeconds.worst(run.stealBySecond());
    ObjectNode quiet = node.putObject("by_second_steal");
    quiet.put("threshold", QUIET_STEAL);
    quiet.put("quiet_seconds", bySteal.quietSeconds()).put("noisy_seconds", bySteal.noisySeconds());
    quiet.set("quiet_latency_ms", latencyJson(bySteal.quiet()));
    quiet.set("noisy_latency_ms", latencyJson(bySteal.noisy()));
    if (!Double.isNaN(worstSteal)) {
      quiet.put("worst_second_steal", round(worstSteal, 3));
    }
    QuietSeconds byCost = run.byCost();
    double medianCost = QuietSeconds.median(run.cpuBySecond()) / 1e6;
    double worstCost = QuietSeconds.worst(run.cpuBySecond()) / 1e6;
    ObjectNode steady = node.putObject("by_second_cpu");
    steady.put("threshold_times_median", STEADY_COST);
    if (!Double.isNaN(medianCost)) {
      steady.put("median_second_cpu_ms_per_answer", round(medianCost, 3)).put("worst_second_cpu_ms_per_answer", round(worstCost, 3));
    }
    steady.put("steady_seconds", byCost.quietSeconds()).put("costly_seconds", byCost.noisySeconds());
    steady.set("steady_latency_ms", latencyJson(byCost.quiet()));
    steady.set("costly_latency_ms", latencyJson(byCost.noisy()));
    if (perSecond > 0) {
      out.printf(
          Locale.ROOT,
          "%npaced: %.0f requests/s offered (%.0f%% of the limit), arriving at random over %d connections; latency counted from each request's due time%n",
          perSecond, offered * 100, connections);
    } else {
      out.printf(Locale.ROOT, "%nsuggest: %d connections, closed loops%n", connections);
    }
    out.printf(
        Locale.ROOT,
        "  %.0f s measured after %.0f s warm-up%n"
            + "  throughput   %.1f answers/s (%d answers) = %.0f%% of the %d-core limit%n"
            + "  latency ms   %s%n"
            + "  errors       %s%n"
            + "  outcomes     matched %d, vague or no match %d%n"
            + "  cpu          %.2f cores used by the process, %.2f of them by the load generator; %.2f ms of CPU per answer%n"
            + "               (so %d idle cores would give at most %.0f answers/s)%n"
            + "  cpu by thread %s%n"
            + "  host         %s%n"
            + "  by second    %d s under %.0f%% steal: %s over the %d answers due then%n"
            + "               %d s at or over it (worst %s): %s over %d answers%n"
            + "               CPU per answer, the median second %s ms, the worst %s ms; %d s within %.1fx the median: %s over %d answers%n"
            + "               %d s over it or unknown (a host running the cores slower, with or without steal, or the JIT): %s over %d answers%n",
        duration, warmup, throughput, r.latencies.length, ratio * 100, cores, latencyText(r.latencies),
        errorsText(r.errors), r.matched, r.unmatched, cpuCores, clientCores, cpuMs, cores, cpuBound, ThreadGroupCpu.text(byThread),
        stealText(run.stolen()), bySteal.quietSeconds(), QUIET_STEAL * 100, latencyText(bySteal.quiet()), bySteal.quiet().length,
        bySteal.noisySeconds(), Double.isNaN(worstSteal) ? "unknown" : String.format(Locale.ROOT, "%.0f%%", worstSteal * 100),
        latencyText(bySteal.noisy()), bySteal.noisy().length,
        msText(medianCost), msText(worstCost), byCost.quietSeconds(), STEADY_COST, latencyText(byCost.quiet()), byCost.quiet().length,
        byCost.noisySeconds(), latencyText(byCost.noisy()), byCost.noisy().length);
    out.flush();
  }

  /**
   * Suggest requests from the client's one event loop. Closed loops (rate 0): each of N connections
   * sends, waits for the whole answer and sends again, so the server is always saturated and the
   * latency is mostly queueing. Paced: requests fall due at random times, exactly the offered
   * rate's worth in each window ({@link ArrivalSchedule}), whatever the server's speed, and queue
   * for one of the N connections when all are busy; latency counts from when a request fell due,
   * so a slow server cannot hide its backlog.
   */
  private final class SuggestLoad {
    /** {@code latencies} sorted; {@code dueTimes} and {@code latenciesByDue} paired, in completion order. */
    record Result(
        long[] latencies, long[] dueTimes, long[] latenciesByDue, Map<String, Integer> errors, int matched, int unmatched, long lastCompletion) {}

    final Vertx vertx;
    final HttpClientAgent http;
    final List<String> tokens;
    final long start;
    final long measureFrom;
    final long end;
    final double perSecond;
    final CompletableFuture<Void> finished = new CompletableFuture<>();
    final Random random = new Random(seed);
    // Touched only on the client's event loop.
    final LongList latencies = new LongList();
    final LongList dueTimes = new LongList();
    final Map<String, Integer> errors = new TreeMap<>();
    int matched;
    int unmatched;
    long lastCompletion;
    int running;
    long[] schedule;
    int sent;
    boolean arriving;

    SuggestLoad(Vertx vertx, HttpClientAgent http, List<String> tokens, double perSecond, long start) {
      this.vertx = vertx;
      this.http = http;
      this.tokens = tokens;
      this.perSecond = perSecond;
      this.start = start;
      this.measureFrom = start + (long) (warmup * 1e9);
      this.end = measureFrom + (long) (duration * 1e9);
    }

    void begin() {
      if (perSecond > 0) {
        arriving = true;
        schedule = ArrivalSchedule.of(perSecond, start, measureFrom, end, random);
        arrive();
        return;
      }
      running = connections;
      for (int i = 0; i < connections; i++) {
        next(i);
      }
    }

    void next(int connection) {
      long t0 = System.nanoTime();
      if (t0 - end >= 0) {
        stopped();
        return;
      }
      send(connection, t0, () -> next(connection), () -> vertx.setTimer(10, id -> next(connection)));
    }

    /** Sends every request now due, then waits for the next; the pool queues what it cannot send. */
    void arrive() {
      long now = System.nanoTime();
      while (sent < schedule.length && schedule[sent] - now <= 0) {
        running++;
        // Every token in turn, as agents share the connections.
        send(sent % tokens.size(), schedule[sent++], this::stopped, this::stopped);
      }
      if (sent == schedule.length) {
        arriving = false;
        if (running == 0) {
          finished.complete(null);
        }
        return;
      }
      vertx.setTimer(Math.max(1, (schedule[sent] - now) / 1_000_000), id -> arrive());
    }

    void stopped() {
      if (--running == 0 && !arriving) {
        finished.complete(null);
      }
    }

    /** One request from {@code t0}; then {@code next} on a good answer, {@code retry} on an error. */
    void send(int user, long t0, Runnable next, Runnable retry) {
      String body = new JsonObject().put("text", TEXTS.get(random.nextInt(TEXTS.size()))).encode();
      RequestOptions request =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setURI("/api/v1/suggest")
              .putHeader("Authorization", "Bearer " + tokens.get(user))
              .putHeader("Content-Type", "application/json")
              .setIdleTimeout(30_000);
      http.request(request)
          .compose(req -> req.send(body))
          .compose(resp -> resp.body().map(b -> new Object[] {resp.statusCode(), b}))
          .onComplete(
              done -> {
                long t1 = System.nanoTime();
                String error = null;
                if (done.failed()) {
                  error = exceptionKind(done.cause());
                } else if ((int) done.result()[0] != 200) {
                  error = "http " + done.result()[0];
                } else {
                  String answer = done.result()[1].toString();
                  boolean isMatched = answer.contains("\"outcome\":\"matched\"");
                  if (!isMatched && !answer.contains("\"outcome\":\"no_match\"") && !answer.contains("\"outcome\":\"vague\"")) {
                    error = "200 without an outcome";
                  } else if (t0 - measureFrom >= 0) {
                    latencies.add(t1 - t0);
                    dueTimes.add(t0);
                    lastCompletion = t1;
                    if (isMatched) {
                      matched++;
                    } else {
                      unmatched++;
                    }
                  }
                }
                if (error == null) {
                  next.run();
                } else {
                  errors.merge(error, 1, Integer::sum);
                  // A failing server must not be hammered in a tight loop.
                  retry.run();
                }
              });
    }

    Result result() {
      return new Result(latencies.sorted(), dueTimes.values(), latencies.values(), new TreeMap<>(errors), matched, unmatched, lastCompletion);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Phase 2: C WebSocket conversations open at once.

  private void websocket(PrintWriter out, Vertx vertx, Context loop, long loopThread, LeewayServer server, List<String> tokens, long deadline)
      throws InterruptedException, TimeoutException {
    double heapBefore = heapAfterGc();
    WebSocketClient ws =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setDefaultHost(HOST)
                .setMaxConnections(conversations + 16)
                .setConnectTimeout(30_000)
                .setMaxMessageSize(16 * 1024 * 1024)
                .setMaxFrameSize(16 * 1024 * 1024));
    SocketLoad load = new SocketLoad(vertx, ws, server.port(), tokens, System.nanoTime());
    long cpu0 = processCpuNanos();
    CpuTicks ticks0 = CpuTicks.now();
    long loopCpu0 = threads.getThreadCpuTime(loopThread);
    Map<Long, ThreadGroupCpu.Ticks> threads0 = ThreadGroupCpu.snapshot();
    long mainCpu0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    loop.runOnContext(v -> load.begin());

    // Wait out the phase, then give replies in flight a little time (within the overall limit).
    sleepUntil(load.end, deadline, "the websocket phase");
    long grace = Math.min(deadline - 5_000_000_000L, load.end + 15_000_000_000L);
    while (onLoop(loop, () -> load.awaiting, deadline) > 0 && System.nanoTime() < grace) {
      Thread.sleep(50);
    }
    long wall = System.nanoTime() - wall0;
    long cpu = processCpuNanos() - cpu0;
    double stolen = ticks0 == null ? Double.NaN : ticks0.stolenShareUntil(CpuTicks.now());
    double cpuCores = cpu / (double) wall;
    long loopCpu = threads.getThreadCpuTime(loopThread) - loopCpu0;
    Map<String, Double> byThread =
        ThreadGroupCpu.shares(threads0, ThreadGroupCpu.snapshot(), loopCpu, threads.getCurrentThreadCpuTime() - mainCpu0);
    double clientCores = loopCpu / (double) wall;
    // The peak: every conversation still open with all its turns.
    int serverConversations = server.services().conversations().size();
    double heapPeak = heapAfterGc();
    double rss = rssMb();
    SocketLoad.Result r = onLoop(loop, load::finish, deadline);
    // Close every socket and wait (bounded) for the closes to complete.
    await(load.closed, Math.min(deadline, System.nanoTime() + 15_000_000_000L), "closing the WebSockets");
    try {
      ws.close().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the client Vert.x closes it anyway
    }

    double throughput = r.all.length / wsDuration;
    ObjectNode node = report.putObject("websocket");
    node.put("conversations", conversations);
    if (!Double.isNaN(stolen)) {
      node.put("steal_share", round(stolen, 3));
    }
    node.put("duration_s", wsDuration);
    node.put("interval_s", interval);
    node.put("peak_open", r.peakOpen);
    node.put("all_open_after_ms", r.allOpenMs);
    node.put("answered", r.answered);
    node.put("server_conversations", serverConversations);
    node.put("replies", r.all.length);
    node.put("answers_per_s", round(throughput, 1));
    node.set("latency_ms", latencyJson(r.all));
    node.set("first_reply_latency_ms", latencyJson(r.first));
    node.set("follow_up_latency_ms", latencyJson(r.followUps));
    node.set("errors", errorsJson(r.errors));
    node.set("reply_kinds", Json.json().valueToTree(r.kinds));
    node.put("heap_mb", Math.round(heapPeak));
    node.put("heap_before_mb", Math.round(heapBefore));
    node.put("heap_kb_per_conversation", Math.round((heapPeak - heapBefore) * 1024 / Math.max(1, r.peakOpen)));
    node.put("rss_mb", Math.round(rss));
    node.put("cpu_cores", round(cpuCores, 2));
    node.put("load_generator_cpu_cores", round(clientCores, 2));
    double cpuMs = r.all.length == 0 ? 0 : cpu / 1e6 / r.all.length;
    node.put("cpu_ms_per_answer", round(cpuMs, 3));
    node.set("cpu_by_thread", Json.json().valueToTree(byThread));
    out.printf(
        Locale.ROOT,
        "%nwebsocket: %d conversations opened at once, %.0f s, a message every %.1f s (±50%%) after each reply%n"
            + "  open         peak %d (all open after %s), answered %d/%d, server holds %d conversations%n"
            + "  throughput   %.1f answers/s (%d replies: %s)%n"
            + "  latency ms   %s%n"
            + "    first      %s%n"
            + "    follow-up  %s%n"
            + "  errors       %s%n"
            + "  heap         %.0f MB after GC at the peak (%.0f MB before the phase, %.0f KB per open conversation); RSS %.0f MB%n"
            + "  cpu          %.2f cores used by the process, %.2f of them by the load generator; %.2f ms of CPU per answer%n"
            + "  cpu by thread %s%n"
            + "  host         %s%n",
        conversations, wsDuration, interval, r.peakOpen, r.allOpenMs < 0 ? "never" : r.allOpenMs + " ms", r.answered, conversations,
        serverConversations, throughput, r.all.length, r.kinds, latencyText(r.all), latencyText(r.first), latencyText(r.followUps),
        errorsText(r.errors), heapPeak, heapBefore, (heapPeak - heapBefore) * 1024 / Math.max(1, r.peakOpen), rss, cpuCores, clientCores, cpuMs,
        ThreadGroupCpu.text(byThread), stealText(stolen));
    out.flush();
  }

  /** Every conversation's state machine, all on the client's one event loop. */
  private final class SocketLoad {
    record Result(
        long[] all, long[] first, long[] followUps, Map<String, Integer> errors, Map<String, Integer> kinds,
        int peakOpen, long allOpenMs, int answered) {}

    final class Conversation {
      final int index;
      WebSocket socket;
      boolean open;
      boolean closing;
      long sentAt = -1;
      int replies;

      Conversation(int index) {
        this.index = index;
      }
    }

    final Vertx vertx;
    final WebSocketClient ws;
    final int port;
    final List<String> tokens;
    final long start;
    final long end;
    final Random random = new Random(seed);
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final List<Conversation> all = new ArrayList<>();
    // Touched only on the client's event loop.
    final LongList latencies = new LongList();
    final LongList first = new LongList();
    final LongList followUps = new LongList();
    final Map<String, Integer> errors = new TreeMap<>();
    final Map<String, Integer> kinds = new TreeMap<>();
    int openNow;
    int peakOpen;
    long allOpenAt = -1;
    int awaiting;
    int answered;
    int stillConnected;
    boolean finished;

    SocketLoad(Vertx vertx, WebSocketClient ws, int port, List<String> tokens, long start) {
      this.vertx = vertx;
      this.ws = ws;
      this.port = port;
      this.tokens = tokens;
      this.start = start;
      this.end = start + (long) (wsDuration * 1e9);
    }

    void begin() {
      for (int i = 0; i < conversations; i++) {
        Conversation c = new Conversation(i);
        all.add(c);
        // Half authenticate on the upgrade, half with a first frame (as a browser must).
        boolean header = i % 2 == 0;
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(HOST).setPort(port).setURI("/api/v1/ws");
        if (header) {
          options.putHeader("Authorization", "Bearer " + tokens.get(i));
        }
        ws.connect(options)
            .onSuccess(socket -> connected(c, socket, header))
            .onFailure(e -> error("connect: " + exceptionKind(e)));
      }
    }

    void connected(Conversation c, WebSocket socket, boolean header) {
      c.socket = socket;
      stillConnected++;
      socket.textMessageHandler(text -> frame(c, text));
      socket.exceptionHandler(e -> error(exceptionKind(e)));
      socket.closeHandler(
          v -> {
            stillConnected--;
            if (c.open) {
              c.open = false;
              openNow--;
            }
            if (c.sentAt >= 0) {
              c.sentAt = -1;
              awaiting--;
            }
            if (!c.closing) {
              error("closed by the server (" + socket.closeStatusCode() + ")");
            }
            if (finished && stillConnected == 0) {
              closed.complete(null);
            }
          });
      if (finished) {
        c.closing = true;
        socket.close((short) 1000);
        return;
      }
      if (header) {
        socket.writeTextMessage("{\"type\":\"start\"}");
      } else {
        socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", tokens.get(c.index)).encode());
      }
    }

    void frame(Conversation c, String text) {
      long now = System.nanoTime();
      String type = type(text);
      switch (type) {
        case "authenticated" -> c.socket.writeTextMessage("{\"type\":\"start\"}");
        case "ready" -> {
          c.open = true;
          openNow++;
          if (openNow > peakOpen) {
            peakOpen = openNow;
          }
          if (openNow == conversations && allOpenAt < 0) {
            allOpenAt = now;
          }
          send(c, TEXTS.get(c.index % TEXTS.size()));
        }
        case "reply" -> {
          if (c.sentAt >= 0) {
            long took = now - c.sentAt;
            latencies.add(took);
            (c.replies == 0 ? first : followUps).add(took);
            c.sentAt = -1;
            awaiting--;
          }
          if (c.replies++ == 0) {
            answered++;
          }
          kinds.merge(kind(text), 1, Integer::sum);
          scheduleNext(c);
        }
        case "error" -> {
          error("error frame " + new JsonObject(text).getJsonObject("problem", new JsonObject()).getValue("status"));
          if (c.sentAt >= 0) {
            c.sentAt = -1;
            awaiting--;
            scheduleNext(c);
          }
        }
        case "pong" -> {}
        default -> error("unexpected frame type '" + type + "'");
      }
    }

    void scheduleNext(Conversation c) {
      long pause = (long) (interval * 1000 * (0.5 + random.nextDouble()));
      if (finished || System.nanoTime() + pause * 1_000_000 - end >= 0) {
        return;
      }
      vertx.setTimer(Math.max(1, pause), id -> {
        if (!finished && c.open && System.nanoTime() - end < 0) {
          // Mostly follow-ups on the situation in hand; now and then the agent moves on to a new one.
          String text = random.nextInt(4) == 0 ? TEXTS.get(random.nextInt(TEXTS.size())) : FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size()));
          send(c, text);
        }
      });
    }

    void send(Conversation c, String text) {
      if (System.nanoTime() - end >= 0 || finished) {
        return;
      }
      c.sentAt = System.nanoTime();
      awaiting++;
      c.socket
          .writeTextMessage(new JsonObject().put("type", "message").put("text", text).encode())
          .onFailure(e -> error("write: " + exceptionKind(e)));
    }

    void error(String kind) {
      errors.merge(kind, 1, Integer::sum);
    }

    /** Stops the load, counts replies that never came, and closes every socket. */
    Result finish() {
      finished = true;
      if (awaiting > 0) {
        errors.merge("no reply by the end of the phase", awaiting, Integer::sum);
      }
      Result result =
          new Result(
              latencies.sorted(), first.sorted(), followUps.sorted(), new TreeMap<>(errors), new TreeMap<>(kinds),
              peakOpen, allOpenAt < 0 ? -1 : ms(allOpenAt - start), answered);
      for (Conversation c : all) {
        if (c.socket != null && !c.socket.isClosed()) {
          c.closing = true;
          c.socket.close((short) 1000, "benchmark over");
        }
      }
      if (stillConnected == 0) {
        closed.complete(null);
      }
      return result;
    }
  }

  private static String type(String frame) {
    // The server writes "type" first; fall back to parsing for anything else.
    String prefix = "{\"type\":\"";
    if (frame.startsWith(prefix)) {
      int close = frame.indexOf('"', prefix.length());
      if (close > 0) {
        return frame.substring(prefix.length(), close);
      }
    }
    try {
      return String.valueOf(new JsonObject(frame).getValue("type"));
    } catch (RuntimeException e) {
      return "unparseable";
    }
  }

  private static String kind(String reply) {
    for (String kind : List.of("answer", "clarify", "no_match")) {
      if (reply.contains("\"kind\":\"" + kind + "\"")) {
        return kind;
      }
    }
    return "other";
  }

  // ---------------------------------------------------------------------------------------------
  // Targets and figures.

  private void targets(PrintWriter out, Set<String> selected) {
    ObjectNode targets = report.putObject("targets");
    List<String> lines = new ArrayList<>();
    for (String phase : List.of("suggest", "paced")) {
      if (!selected.contains(phase)) {
        continue;
      }
      ObjectNode s = (ObjectNode) report.get(phase);
      boolean p99 = s.get("latency_ms").get("p99").doubleValue() <= 50;
      boolean errors = s.get("errors").get("total").intValue() == 0;
      String load;
      if (phase.equals("paced")) {
        // What it answers can only be what it was offered: the question is whether it kept up.
        boolean offeredEnough = s.get("offered_limit_ratio").doubleValue() >= 0.70;
        boolean keptUp = s.get("answers_per_s").doubleValue() >= KEPT_UP * s.get("offered_per_s").doubleValue();
        targets.put("paced_offered_at_least_0_70", offeredEnough);
        targets.put("paced_kept_up", keptUp);
        load = String.format(Locale.ROOT, "offered >= 70%% of the limit: %s; kept up with it: %s", yes(offeredEnough), yes(keptUp));
      } else {
        boolean ratio = s.get("limit_ratio").doubleValue() >= 0.70;
        targets.put(phase + "_limit_ratio_at_least_0_70", ratio);
        load = String.format(Locale.ROOT, ">= 70%% of the limit: %s", yes(ratio));
      }
      targets.put(phase + "_p99_at_most_50_ms", p99);
      targets.put(phase + "_zero_errors", errors);
      lines.add(String.format(Locale.ROOT, "%s %s; p99 <= 50 ms: %s; zero errors: %s", phase, load, yes(p99), yes(errors)));
    }
    if (selected.contains("websocket")) {
      ObjectNode w = (ObjectNode) report.get("websocket");
      boolean open = w.get("peak_open").intValue() >= conversations && w.get("answered").intValue() >= conversations;
      boolean heap = w.get("heap_mb").doubleValue() <= 512;
      boolean errors = w.get("errors").get("total").intValue() == 0;
      targets.put("websocket_all_open_and_answering", open);
      targets.put("websocket_heap_at_most_512_mb", heap);
      targets.put("websocket_zero_errors", errors);
      lines.add(
          String.format(
              Locale.ROOT, "websocket %d open and answering: %s; heap <= 512 MB: %s; zero errors: %s", conversations, yes(open), yes(heap), yes(errors)));
    }
    out.printf("%ntargets: %s%n", String.join("; ", lines));
  }

  private static String yes(boolean b) {
    return b ? "yes" : "NO";
  }

  private static ObjectNode latencyJson(long[] sorted) {
    ObjectNode node = Json.json().createObjectNode();
    node.put("count", sorted.length);
    node.put("p50", round(percentile(sorted, 0.50) / 1e6, 2));
    node.put("p99", round(percentile(sorted, 0.99) / 1e6, 2));
    node.put("max", round(sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, 2));
    return node;
  }

  private static String msText(double ms) {
    return Double.isNaN(ms) ? "unknown" : String.format(Locale.ROOT, "%.2f", ms);
  }

  private static String latencyText(long[] sorted) {
    if (sorted.length == 0) {
      return "(no answers)";
    }
    return String.format(
        Locale.ROOT, "p50 %.1f  p99 %.1f  max %.1f", percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
  }

  private static ObjectNode errorsJson(Map<String, Integer> errors) {
    ObjectNode node = Json.json().createObjectNode();
    node.put("total", errors.values().stream().mapToInt(Integer::intValue).sum());
    ObjectNode byKind = node.putObject("by_kind");
    errors.forEach(byKind::put);
    return node;
  }

  private static String errorsText(Map<String, Integer> errors) {
    int total = errors.values().stream().mapToInt(Integer::intValue).sum();
    return total == 0 ? "0" : total + " " + errors;
  }

  /** Nearest rank: the smallest value at or above a fraction {@code q} of the samples. */
  static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static String exceptionKind(Throwable e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    if (message.length() > 80) {
      message = message.substring(0, 80) + "...";
    }
    return e.getClass().getSimpleName() + message;
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing.

  private Set<String> phases() {
    Set<String> selected = new LinkedHashSet<>();
    for (String phase : phases) {
      String p = phase.strip().toLowerCase(Locale.ROOT);
      if (!PHASES.contains(p)) {
        throw new IllegalArgumentException("--phases: unknown phase '" + phase + "' (phases: " + String.join(", ", PHASES) + ")");
      }
      selected.add(p);
    }
    if (selected.isEmpty()) {
      throw new IllegalArgumentException("--phases: name at least one of " + String.join(", ", PHASES));
    }
    return selected;
  }

  private void validate() {
    if (connections < 1 || conversations < 1) {
      throw new IllegalArgumentException("--connections and --conversations must be at least 1");
    }
    if (duration <= 0 || wsDuration <= 0 || warmup < 0 || interval <= 0) {
      throw new IllegalArgumentException("--duration, --ws-duration and --interval must be positive, --warmup not negative");
    }
    if (matcherWarmup < 0) {
      throw new IllegalArgumentException("--matcher-warmup must not be negative");
    }
    if (!(offered > 0 && offered <= 10)) {
      throw new IllegalArgumentException("--offered must be above 0 and at most 10 (a fraction of the matcher's limit)");
    }
    if (rate < 1 || burst < 1) {
      throw new IllegalArgumentException("--rate and --burst must be at least 1");
    }
  }

  /** Interrupts the benchmark's thread at the deadline; every wait in it then fails with a message. */
  private static final class Watchdog {
    private final Thread thread;
    private boolean done;

    Watchdog(Thread main, long deadline) {
      thread =
          Thread.ofPlatform().daemon().name("leeway-bench-watchdog").start(() -> {
            try {
              long left = deadline - System.nanoTime();
              if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
              }
              synchronized (this) {
                if (!done) {
                  main.interrupt();
                }
              }
            } catch (InterruptedException e) {
              // stood down: the benchmark finished in time
            }
          });
    }

    /** After this the benchmark's thread is never interrupted, and any earlier interrupt is cleared so clean-up can run. */
    void standDown() {
      synchronized (this) {
        done = true;
      }
      thread.interrupt();
      Thread.interrupted();
    }
  }

  private static void checkDeadline(long deadline, String what) throws TimeoutException {
    if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
      throw new TimeoutException("during " + what);
    }
  }

  private static <T> void await(CompletableFuture<T> future, long deadline, String what) throws InterruptedException, TimeoutException {
    try {
      future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new TimeoutException("during " + what);
    }
  }

  /** Runs {@code body} on the client's event loop (where the load's state lives) and returns its value. */
  private static <T> T onLoop(Context loop, Supplier<T> body, long deadline) throws InterruptedException, TimeoutException {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.runOnContext(
        v -> {
          try {
            result.complete(body.get());
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("load generator failed: " + e.getCause(), e.getCause());
    }
  }

  private static void sleepUntil(long when, long deadline, String what) throws InterruptedException, TimeoutException {
    long left;
    while ((left = when - System.nanoTime()) > 0) {
      checkDeadline(deadline, what);
      TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
    }
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static double heapAfterGc() {
    ManagementFactory.getMemoryMXBean().gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB;
  }

  /** Resident memory (heap, native ONNX runtime, buffers, code); -1 where /proc is not there. */
  private static double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  /**
   * The machine's CPU time so far, and how much of it the hypervisor gave to other guests
   * ("steal", from /proc/stat); null where /proc is not there. On a shared host a phase that lost
   * much of its time this way measured the neighbours as much as Leeway.
   */
  record CpuTicks(long total, long stolen) {
    static CpuTicks now() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
          if (line.startsWith("cpu ")) {
            String[] f = line.strip().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
              total += Long.parseLong(f[i]);
            }
            return new CpuTicks(total, f.length > 8 ? Long.parseLong(f[8]) : 0);
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux, or not readable: no figure
      }
      return null;
    }

    /** The share of the time since {@code this} that was stolen; NaN when unknown. */
    double stolenShareUntil(CpuTicks later) {
      return later == null || later.total <= total ? Double.NaN : (later.stolen - stolen) / (double) (later.total - total);
    }
  }

  private static String stealText(double share) {
    if (Double.isNaN(share)) {
      return "unknown";
    }
    String text = String.format(Locale.ROOT, "%.0f%% of the cores' time went to other guests (steal)", share * 100);
    return share > QUIET_STEAL ? text + ": too much for these figures to compare with a quiet run" : text;
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Copies the embedding cache files from one folder to another (atomically per file); absent folders are skipped. */
  private static void copyCache(Path from, Path to) {
    if (from == null || to == null || !Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path file : files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".bin")).toList()) {
        Path temp = to.resolve(file.getFileName() + ".copy");
        Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the embedding cache from " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder; the OS cleans up what is left
    }
  }

  /** A growable list of primitive longs (latencies in nanoseconds). */
  private static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long[] values() {
      return Arrays.copyOf(values, size);
    }

    long[] sorted() {
      long[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }
}
