package dev.leeway.bench;

import dev.leeway.app.MatchingOptions;
import dev.leeway.app.MatchingSetup;
import dev.leeway.app.Subcommand;
import dev.leeway.match.LabelledCsv;
import dev.leeway.match.LabelledText;
import dev.leeway.match.MatchResult;
import dev.leeway.match.MatchSettings;
import dev.leeway.match.Matcher;
import dev.leeway.match.SyntheticPack;
import dev.leeway.playbook.Play;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures matching on a large synthetic pack: build time, heap and single-threaded latency. */
@Command(name = "bench-match", description = "Time matching on a synthetic pack of many plays.")
public final class MatchBenchCommand implements Callable<Integer>, Subcommand {
  @Spec CommandSpec spec;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "CSV",
      description = "text,label CSV whose texts seed the synthetic examples")
  Path source;

  @Option(
      names = "--plays",
      defaultValue = "20000",
      description = "plays to generate (default: ${DEFAULT-VALUE})")
  int plays;

  @Option(
      names = "--examples",
      defaultValue = "3",
      description = "examples per play (default: ${DEFAULT-VALUE})")
  int examples;

  @Option(
      names = "--queries",
      defaultValue = "1000",
      description = "timed queries (default: ${DEFAULT-VALUE})")
  int queries;

  @Option(names = "--seed", defaultValue = "7")
  long seed;

  @Mixin MatchingOptions matching;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<String> texts = LabelledCsv.read(source).stream().map(LabelledText::text).toList();
    List<Play> pack = SyntheticPack.generate(texts, plays, examples, seed);
    MatchSettings settings = matching.settings();
    try (MatchingSetup setup = matching.setup(settings)) {
      long t0 = System.nanoTime();
      try (Matcher matcher = Matcher.build(pack, setup.analysis(), setup.embedder(), settings)) {
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        Random random = new Random(seed);
        for (int i = 0; i < Math.min(200, queries); i++) {
          matcher.match(SyntheticPack.queryFor(pack.get(random.nextInt(pack.size())), random));
        }
        Latencies latency = new Latencies();
        int top1 = 0;
        for (int i = 0; i < queries; i++) {
          Play target = pack.get(random.nextInt(pack.size()));
          String query = SyntheticPack.queryFor(target, random);
          long q0 = System.nanoTime();
          MatchResult result = matcher.match(query);
          latency.record(System.nanoTime() - q0);
          if (!result.candidates().isEmpty()
              && result.candidates().get(0).playId().equals(target.id())) {
            top1++;
          }
        }
        out.printf(
            "{\"plays\":%d,\"examples\":%d,\"mode\":\"%s\",\"build_ms\":%d,\"heap_mb\":%d,\"queries\":%d,"
                + "\"latency_ms\":{\"p50\":%.3f,\"p99\":%.3f},\"top1\":%.4f}%n",
            plays,
            plays * examples,
            plays <= settings.classifierMaxPlays() ? "classifier" : "nearest-neighbour",
            buildMs,
            heapMb,
            queries,
            latency.ms(50),
            latency.ms(99),
            (double) top1 / queries);
      }
    }
    return 0;
  }
}
