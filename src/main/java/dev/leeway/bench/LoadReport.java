package dev.leeway.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The load benchmark's figures: printed as each phase ends, and gathered into one JSON object. */
final class LoadReport {

  /**
   * A paced phase kept up when its answers came at 99% of the offered rate or more: with every
   * offered request answered, that allows a backlog of 0.3 s at the end of a 30 s window.
   */
  private static final double KEPT_UP = 0.99;

  private final PrintWriter out;
  private final LoadPlan plan;
  private final ObjectNode report = Json.json().createObjectNode();

  LoadReport(PrintWriter out, LoadPlan plan) {
    this.out = out;
    this.plan = plan;
  }

  void machine(int cores, String loadAverage) {
    report.put("cores", cores);
    report.put("java", Runtime.version().toString());
    report.put("load_average_before", loadAverage);
  }

  void started(
      BenchServer server,
      String host,
      int cores,
      int rate,
      int burst,
      double budgetSeconds,
      String loadAverage) {
    report.put("plays", server.server().plays());
    report.put("startup_ms", server.startMs());
    report.put("max_heap_mb", Host.maxHeapMb());
    ObjectNode limit = report.putObject("rate_limit");
    limit.put("per_second", rate).put("burst", burst).put("per", "token");
    report.put("tokens", server.tokenCount());
    report.put("tokens_ms", server.tokensMs());
    out.printf(
        Locale.ROOT,
        "Leeway load benchmark: %d plays on http://%s:%d/ (started in %.1f s), %d cores, Java %s, max heap %d MB%n",
        server.server().plays(),
        host,
        server.server().port(),
        server.startMs() / 1000.0,
        cores,
        Runtime.version(),
        Host.maxHeapMb());
    out.printf(
        Locale.ROOT,
        "rate limit %d requests/s per token, burst %d (set by the benchmark); %d tokens issued in %d ms; time limit %.0f s%n",
        rate,
        burst,
        server.tokenCount(),
        server.tokensMs(),
        budgetSeconds);
    out.printf("load average before: %s%n", loadAverage);
    out.flush();
  }

  void matcher(MatcherYardstick.Run run) {
    Latencies latency = run.latency();
    ObjectNode matcher = report.putObject("matcher");
    matcher.put("answers", run.answers());
    matcher.put("rounds", run.rounds());
    matcher.put("median_ms", round(run.median(), 3));
    matcher.put("mean_ms", round(run.mean(), 3));
    matcher.put("p99_ms", round(latency.ms(99), 3));
    matcher.put("limit_answers_per_s", round(run.limit(), 1));
    matcher.put("cpu_ms_per_answer", round(run.cpuMsPerAnswer(), 3));
    matcher.put("cpu_cores_while_timing", round(run.coresWhileTiming(), 2));
    matcher.put("caller_cpu_ms_per_answer", round(run.benchThreadMsPerAnswer(), 3));
    matcher.set("cpu_by_thread", Json.json().valueToTree(run.cpu().byThread()));
    if (!Double.isNaN(run.cpu().stolen())) {
      matcher.put("steal_share", round(run.cpu().stolen(), 3));
    }
    out.printf(
        Locale.ROOT,
        "%nmatcher, single-threaded: advise() median %.2f ms, mean %.2f ms, p99 %.2f ms over %d answers in %d rounds %.1f s apart%n"
            + "  implied %d-core limit: %d x 1000 / %.2f (the mean, or the process's CPU per answer if more) = %.1f answers/s%n"
            + "  cpu          %.2f ms per answer in the process (%.2f in the calling thread), %.2f cores busy while timing%n"
            + "  cpu by thread %s%n"
            + "  host         %s%n",
        run.median(),
        run.mean(),
        latency.ms(99),
        run.answers(),
        run.rounds(),
        MatcherYardstick.ROUND_GAP_S,
        run.cores(),
        run.cores(),
        Math.max(run.mean(), run.cpuMsPerAnswer()),
        run.limit(),
        run.cpuMsPerAnswer(),
        run.benchThreadMsPerAnswer(),
        run.coresWhileTiming(),
        ThreadGroupCpu.text(run.cpu().byThread()),
        stealText(run.cpu().stolen()));
    out.flush();
  }

  void suggest(SuggestPhase.Run run, double limit, int cores) {
    SuggestLoad.Result r = run.result();
    double perSecond = run.perSecond();
    CpuWindow.Use cpu = run.cpu();
    double cpuCores = cpu.cores(cpu.wallNanos());
    double clientCores = cpu.loadGeneratorCores();
    int answers = r.answers();
    double cpuMs = answers == 0 ? 0 : cpu.cpuNanos() / 1e6 / answers;
    double throughput = answers / run.measuredSeconds();
    double ratio = throughput / limit;
    ObjectNode node = report.putObject(run.phase());
    node.put("connections", plan.connections());
    if (perSecond > 0) {
      node.put("offered_per_s", round(perSecond, 1));
      node.put(
          "offered_requests", ArrivalSchedule.count(perSecond, (long) (plan.duration() * 1e9)));
      node.put("offered_limit_ratio", round(plan.offered(), 3));
    }
    node.put("warmup_s", plan.warmup());
    node.put("duration_s", plan.duration());
    node.put("answers", answers);
    node.put("answers_per_s", round(throughput, 1));
    node.put("limit_ratio", round(ratio, 3));
    node.set("latency_ms", r.latency().json());
    node.set("errors", r.errors().json());
    node.put("matched", r.matched()).put("unmatched", r.unmatched());
    node.put("cpu_cores", round(cpuCores, 2));
    node.put("load_generator_cpu_cores", round(clientCores, 2));
    node.put("cpu_ms_per_answer", round(cpuMs, 3));
    double cpuBound = cpuMs <= 0 ? 0 : cores * 1000.0 / cpuMs;
    node.put("cpu_bound_answers_per_s", round(cpuBound, 1));
    node.set("cpu_by_thread", Json.json().valueToTree(cpu.byThread()));
    if (!Double.isNaN(cpu.stolen())) {
      node.put("steal_share", round(cpu.stolen(), 3));
    }
    QuietSeconds bySteal = run.bySteal();
    Latencies quiet = Latencies.of(bySteal.quiet());
    Latencies noisy = Latencies.of(bySteal.noisy());
    double worstSteal = QuietSeconds.worst(run.stealBySecond());
    ObjectNode quietNode = node.putObject("by_second_steal");
    quietNode.put("threshold", SuggestPhase.QUIET_STEAL);
    quietNode
        .put("quiet_seconds", bySteal.quietSeconds())
        .put("noisy_seconds", bySteal.noisySeconds());
    quietNode.set("quiet_latency_ms", quiet.json());
    quietNode.set("noisy_latency_ms", noisy.json());
    if (!Double.isNaN(worstSteal)) {
      quietNode.put("worst_second_steal", round(worstSteal, 3));
    }
    QuietSeconds byCost = run.byCost();
    Latencies steady = Latencies.of(byCost.quiet());
    Latencies costly = Latencies.of(byCost.noisy());
    double medianCost = QuietSeconds.median(run.cpuBySecond()) / 1e6;
    double worstCost = QuietSeconds.worst(run.cpuBySecond()) / 1e6;
    ObjectNode steadyNode = node.putObject("by_second_cpu");
    steadyNode.put("threshold_times_median", SuggestPhase.STEADY_COST);
    if (!Double.isNaN(medianCost)) {
      steadyNode
          .put("median_second_cpu_ms_per_answer", round(medianCost, 3))
          .put("worst_second_cpu_ms_per_answer", round(worstCost, 3));
    }
    steadyNode
        .put("steady_seconds", byCost.quietSeconds())
        .put("costly_seconds", byCost.noisySeconds());
    steadyNode.set("steady_latency_ms", steady.json());
    steadyNode.set("costly_latency_ms", costly.json());
    if (perSecond > 0) {
      out.printf(
          Locale.ROOT,
          "%npaced: %.0f requests/s offered (%.0f%% of the limit), arriving at random over %d connections; latency counted from each request's due time%n",
          perSecond,
          plan.offered() * 100,
          plan.connections());
    } else {
      out.printf(Locale.ROOT, "%nsuggest: %d connections, closed loops%n", plan.connections());
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
        plan.duration(),
        plan.warmup(),
        throughput,
        answers,
        ratio * 100,
        cores,
        r.latency().text(),
        r.errors().text(),
        r.matched(),
        r.unmatched(),
        cpuCores,
        clientCores,
        cpuMs,
        cores,
        cpuBound,
        ThreadGroupCpu.text(cpu.byThread()),
        stealText(cpu.stolen()),
        bySteal.quietSeconds(),
        SuggestPhase.QUIET_STEAL * 100,
        quiet.text(),
        quiet.count(),
        bySteal.noisySeconds(),
        Double.isNaN(worstSteal)
            ? "unknown"
            : String.format(Locale.ROOT, "%.0f%%", worstSteal * 100),
        noisy.text(),
        noisy.count(),
        msText(medianCost),
        msText(worstCost),
        byCost.quietSeconds(),
        SuggestPhase.STEADY_COST,
        steady.text(),
        steady.count(),
        byCost.noisySeconds(),
        costly.text(),
        costly.count());
    out.flush();
  }

  void websocket(SocketPhase.Run run) {
    SocketLoad.Result r = run.result();
    CpuWindow.Use cpu = run.cpu();
    double cpuCores = cpu.cores(cpu.wallNanos());
    double clientCores = cpu.loadGeneratorCores();
    long replies = r.all().count();
    double throughput = replies / plan.wsDuration();
    double heapPerConversationKb =
        (run.heapPeakMb() - run.heapBeforeMb()) * 1024 / Math.max(1, r.peakOpen());
    ObjectNode node = report.putObject("websocket");
    node.put("conversations", plan.conversations());
    if (!Double.isNaN(cpu.stolen())) {
      node.put("steal_share", round(cpu.stolen(), 3));
    }
    node.put("duration_s", plan.wsDuration());
    node.put("interval_s", plan.interval());
    node.put("peak_open", r.peakOpen());
    node.put("all_open_after_ms", r.allOpenMs());
    node.put("answered", r.answered());
    node.put("server_conversations", run.serverConversations());
    node.put("replies", replies);
    node.put("answers_per_s", round(throughput, 1));
    node.set("latency_ms", r.all().json());
    node.set("first_reply_latency_ms", r.first().json());
    node.set("follow_up_latency_ms", r.followUps().json());
    node.set("errors", r.errors().json());
    node.set("reply_kinds", Json.json().valueToTree(r.kinds()));
    node.put("heap_mb", Math.round(run.heapPeakMb()));
    node.put("heap_before_mb", Math.round(run.heapBeforeMb()));
    node.put("heap_kb_per_conversation", Math.round(heapPerConversationKb));
    node.put("rss_mb", Math.round(run.rssMb()));
    node.put("cpu_cores", round(cpuCores, 2));
    node.put("load_generator_cpu_cores", round(clientCores, 2));
    double cpuMs = replies == 0 ? 0 : cpu.cpuNanos() / 1e6 / replies;
    node.put("cpu_ms_per_answer", round(cpuMs, 3));
    node.set("cpu_by_thread", Json.json().valueToTree(cpu.byThread()));
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
        plan.conversations(),
        plan.wsDuration(),
        plan.interval(),
        r.peakOpen(),
        r.allOpenMs() < 0 ? "never" : r.allOpenMs() + " ms",
        r.answered(),
        plan.conversations(),
        run.serverConversations(),
        throughput,
        replies,
        r.kinds(),
        r.all().text(),
        r.first().text(),
        r.followUps().text(),
        r.errors().text(),
        run.heapPeakMb(),
        run.heapBeforeMb(),
        heapPerConversationKb,
        run.rssMb(),
        cpuCores,
        clientCores,
        cpuMs,
        ThreadGroupCpu.text(cpu.byThread()),
        stealText(cpu.stolen()));
    out.flush();
  }

  /** What the store costs a suggestion: CPU per answer with it and without it, and the ratio. */
  void storeCost(StoreCost.Run run, int pairs) {
    ObjectNode node = report.putObject("store_cost");
    node.put("pairs", pairs);
    ArrayNode with = node.putArray("cpu_ms_per_answer_with_store");
    run.withStore().forEach(v -> with.add(round(v, 3)));
    ArrayNode without = node.putArray("cpu_ms_per_answer_without_store");
    run.withoutStore().forEach(v -> without.add(round(v, 3)));
    node.put("median_with_store", round(run.medianWith(), 3));
    node.put("median_without_store", round(run.medianWithout(), 3));
    node.put("ratio", round(run.ratio(), 3));
    node.put("within_10_percent", run.ratio() <= 1.10);
    out.printf(
        Locale.ROOT,
        "store cost (%d pairs of suggest windows, with/without the answer record and ledger reads)%n"
            + "  server CPU per answer  with %.3f ms %s, without %.3f ms %s%n"
            + "  ratio of the medians   %.3f (target: at most 1.10)%n",
        pairs,
        run.medianWith(),
        run.withStore().stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList(),
        run.medianWithout(),
        run.withoutStore().stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList(),
        run.ratio());
    out.flush();
  }

  /** Whether the phases met the product's targets, from the figures already reported. */
  void targets(Set<String> selected) {
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
        boolean keptUp =
            s.get("answers_per_s").doubleValue() >= KEPT_UP * s.get("offered_per_s").doubleValue();
        targets.put("paced_offered_at_least_0_70", offeredEnough);
        targets.put("paced_kept_up", keptUp);
        load =
            String.format(
                Locale.ROOT,
                "offered >= 70%% of the limit: %s; kept up with it: %s",
                yes(offeredEnough),
                yes(keptUp));
      } else {
        boolean ratio = s.get("limit_ratio").doubleValue() >= 0.70;
        targets.put(phase + "_limit_ratio_at_least_0_70", ratio);
        load = String.format(Locale.ROOT, ">= 70%% of the limit: %s", yes(ratio));
      }
      targets.put(phase + "_p99_at_most_50_ms", p99);
      targets.put(phase + "_zero_errors", errors);
      lines.add(
          String.format(
              Locale.ROOT,
              "%s %s; p99 <= 50 ms: %s; zero errors: %s",
              phase,
              load,
              yes(p99),
              yes(errors)));
    }
    if (selected.contains("websocket")) {
      ObjectNode w = (ObjectNode) report.get("websocket");
      boolean open =
          w.get("peak_open").intValue() >= plan.conversations()
              && w.get("answered").intValue() >= plan.conversations();
      boolean heap = w.get("heap_mb").doubleValue() <= 512;
      boolean errors = w.get("errors").get("total").intValue() == 0;
      targets.put("websocket_all_open_and_answering", open);
      targets.put("websocket_heap_at_most_512_mb", heap);
      targets.put("websocket_zero_errors", errors);
      lines.add(
          String.format(
              Locale.ROOT,
              "websocket %d open and answering: %s; heap <= 512 MB: %s; zero errors: %s",
              plan.conversations(),
              yes(open),
              yes(heap),
              yes(errors)));
    }
    out.printf("%ntargets: %s%n", String.join("; ", lines));
  }

  /** The closing lines: the load average after the run and, if asked, every figure as JSON. */
  void finish(String loadAverage, boolean json) throws JsonProcessingException {
    report.put("load_average_after", loadAverage);
    out.printf("load average after: %s%n", loadAverage);
    if (json) {
      out.println(Json.json().writeValueAsString(report));
    }
    out.flush();
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  private static String yes(boolean b) {
    return b ? "yes" : "NO";
  }

  private static String msText(double ms) {
    return Double.isNaN(ms) ? "unknown" : String.format(Locale.ROOT, "%.2f", ms);
  }

  private static String stealText(double share) {
    if (Double.isNaN(share)) {
      return "unknown";
    }
    String text =
        String.format(
            Locale.ROOT, "%.0f%% of the cores' time went to other guests (steal)", share * 100);
    return share > SuggestPhase.QUIET_STEAL
        ? text + ": too much for these figures to compare with a quiet run"
        : text;
  }
}
