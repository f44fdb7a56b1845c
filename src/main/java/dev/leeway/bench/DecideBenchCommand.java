package dev.leeway.bench;

import dev.leeway.app.Subcommand;
import dev.leeway.app.ValidateCommand;
import dev.leeway.decide.Decider;
import dev.leeway.decide.Decision;
import dev.leeway.decide.PlayDecision;
import dev.leeway.decide.Usage;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSet;
import dev.leeway.facts.FactSource;
import dev.leeway.facts.FactValue;
import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.Play;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times decisions for whole plays over the configured content, with random facts (some missing, so
 * that unknowns are explored), every role, single-threaded after a warm-up.
 */
@Command(
    name = "bench-decide",
    description = "Time decisions for matched plays of the configured content.")
public final class DecideBenchCommand implements Callable<Integer>, Subcommand {
  @Spec CommandSpec spec;

  @Option(names = "--playbooks", defaultValue = "playbooks", paramLabel = "DIR")
  Path playbooks;

  @Option(names = "--config", defaultValue = "config", paramLabel = "DIR")
  Path config;

  @Option(
      names = "--decisions",
      defaultValue = "50000",
      description = "timed play decisions (default: ${DEFAULT-VALUE})")
  int decisions;

  @Option(names = "--seed", defaultValue = "7")
  long seed;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    Content content =
        switch (ContentLoader.load(
            playbooks, config.resolve("authority.yaml"), config.resolve("facts.yaml"))) {
          case LoadResult.Invalid<Content> invalid -> {
            ValidateCommand.report(spec.commandLine().getErr(), invalid.problems());
            yield null;
          }
          case LoadResult.Loaded<Content> loaded -> loaded.value();
        };
    if (content == null) {
      return 1;
    }
    long built = System.nanoTime();
    Decider decider = Decider.build(content);
    long buildMs = (System.nanoTime() - built) / 1_000_000;
    List<Play> plays = content.playbook().published();
    List<String> roles = List.copyOf(content.authority().roles().keySet());
    List<FactSpec> usage = Usage.specs(content.authority());
    Random random = new Random(seed);
    int warmUp = Math.max(5_000, decisions / 5);
    Latencies latency = new Latencies();
    int[] kinds = new int[Decision.KINDS.size()];
    for (int i = -warmUp; i < decisions; i++) {
      Play play = plays.get(random.nextInt(plays.size()));
      FactSet facts = randomFacts(play, usage, random);
      String role = roles.get(random.nextInt(roles.size()));
      long start = System.nanoTime();
      PlayDecision decided =
          decider.decide(play, facts, role, java.util.Optional.of(LocalDate.of(2026, 6, 15)));
      long took = System.nanoTime() - start;
      if (i >= 0) {
        latency.record(took);
        decided.decisions().forEach(d -> kinds[Decision.KINDS.indexOf(d.kind())]++);
      }
    }
    out.printf(
        Locale.ROOT,
        "%d play decisions over %d published plays, %d roles: p50 %.3f ms, p99 %.3f ms, max %.3f ms (decider build %d ms)%n",
        decisions,
        plays.size(),
        roles.size(),
        latency.ms(50),
        latency.ms(99),
        latency.maxMs(),
        buildMs);
    List<String> counts = new ArrayList<>();
    for (int k = 0; k < kinds.length; k++) {
      counts.add(Decision.KINDS.get(k) + " " + kinds[k]);
    }
    out.println("action decisions: " + String.join(", ", counts));
    return 0;
  }

  /** Each declared fact known with probability 0.7, usage facts with 0.5: realistic gaps. */
  private static FactSet randomFacts(Play play, List<FactSpec> usage, Random random) {
    List<Fact> facts = new ArrayList<>();
    for (FactSpec spec : play.facts()) {
      if (random.nextDouble() < 0.7) {
        facts.add(
            new Fact(spec.name(), value(spec, random), new FactSource.Context(spec.name()), 1.0));
      }
    }
    for (FactSpec spec : usage) {
      if (random.nextDouble() < 0.5) {
        facts.add(
            new Fact(spec.name(), value(spec, random), new FactSource.Context(spec.name()), 1.0));
      }
    }
    return FactSet.of(facts);
  }

  private static FactValue value(FactSpec spec, Random random) {
    return switch (spec.type()) {
      case MONEY -> new FactValue.Money(BigDecimal.valueOf(random.nextInt(150_000), 2), "USD");
      case COUNT, DAYS -> new FactValue.Whole(random.nextInt(60));
      case BOOLEAN -> new FactValue.Flag(random.nextBoolean());
      case ENUM -> new FactValue.Text(spec.values().get(random.nextInt(spec.values().size())));
      case DATE -> new FactValue.Date(LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365)));
      case TEXT -> new FactValue.Text("text");
    };
  }
}
