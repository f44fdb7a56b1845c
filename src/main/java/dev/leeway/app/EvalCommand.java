package dev.leeway.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import dev.leeway.json.LoadResult;
import dev.leeway.match.EvalReport;
import dev.leeway.match.Evaluation;
import dev.leeway.match.LabelledCsv;
import dev.leeway.match.LabelledText;
import dev.leeway.match.MatchSettings;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Scores the matcher on labelled CSV data: one play per TRAIN label, every TEST text matched by the
 * same matcher the server builds.
 */
@Command(
    name = "eval",
    description = {
      "Evaluate matching on labelled CSV (text,label with a header row).",
      "Either --test TEST, or --folds K for stratified cross-validation of TRAIN.",
      "TRAIN may also be a playbook folder: its published plays' example phrasings, labelled with the play ids."
    })
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--train",
      required = true,
      paramLabel = "TRAIN",
      description = "training rows (CSV, one play per label), or a playbook folder")
  Path train;

  @ArgGroup(multiplicity = "1")
  Split split;

  static final class Split {
    @Option(names = "--test", paramLabel = "TEST.csv", description = "rows to match")
    Path test;

    @Option(
        names = "--folds",
        paramLabel = "K",
        description = "cross-validate TRAIN in K stratified folds instead")
    Integer folds;
  }

  @Option(
      names = "--none-label",
      paramLabel = "LABEL",
      description = "TEST label meaning no play fits (abstaining is right)")
  String noneLabel;

  @Option(
      names = "--hold-out",
      paramLabel = "N",
      defaultValue = "0",
      description = "with --folds: give N labels no play; their texts must abstain")
  int holdOut;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "seed for folds and held-out labels (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--json", description = "print one JSON object on the last line")
  boolean json;

  @Mixin MatchingOptions matching;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<LabelledText> trainRows;
    if (java.nio.file.Files.isDirectory(train)) {
      Optional<List<LabelledText>> examples = packExamples();
      if (examples.isEmpty()) {
        return 1;
      }
      trainRows = examples.get();
    } else {
      trainRows = LabelledCsv.read(train);
    }
    MatchSettings settings = matching.settings();
    try (MatchingSetup setup = matching.setup(settings)) {
      Evaluation evaluation =
          new Evaluation(setup.analysis(), setup.embedder(), settings, matching.offTopic());
      EvalReport report;
      if (split.test != null) {
        if (holdOut > 0) {
          throw new IllegalArgumentException("--hold-out works with --folds, not with --test");
        }
        report = evaluation.run(trainRows, LabelledCsv.read(split.test), noneLabel);
      } else {
        report = evaluation.crossValidate(trainRows, split.folds, holdOut, noneLabel, seed);
      }
      print(out, report, settings);
    }
    return 0;
  }

  /**
   * The published plays' examples, labelled with their ids; empty (problems printed) for an invalid
   * pack.
   */
  private Optional<List<LabelledText>> packExamples() {
    ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
    return switch (ContentLoader.load(train, config.authority(), config.facts())) {
      case LoadResult.Invalid<Content> invalid -> {
        spec.commandLine().getErr().println("leeway: the playbook folder " + train + " is invalid");
        ValidateCommand.report(spec.commandLine().getErr(), invalid.problems());
        yield Optional.empty();
      }
      case LoadResult.Loaded<Content> loaded ->
          Optional.of(
              loaded.value().playbook().published().stream()
                  .flatMap(
                      play ->
                          play.examples().stream()
                              .map(example -> new LabelledText(example, play.id())))
                  .toList());
    };
  }

  private void print(PrintWriter out, EvalReport r, MatchSettings s) {
    out.printf(
        "matcher: embedding=%s lexical_weight=%s svm_cost=%s temperature=%s bm25_weight=%s abstain_below=%s%n",
        s.embedding() == null ? "none" : s.embedding().id(),
        s.lexicalWeight(),
        s.svmCost(),
        s.temperature(),
        s.bm25Weight(),
        s.abstainBelow());
    out.printf(
        "calibration_error  %s (top candidate's confidence vs accuracy, 10 bins)%n",
        r.calibrationError());
    ObjectNode node = Json.json().valueToTree(r);
    if (json) {
      out.println(node.toString());
      return;
    }
    node.properties().forEach(e -> out.printf("%-18s %s%n", e.getKey(), e.getValue()));
  }
}
