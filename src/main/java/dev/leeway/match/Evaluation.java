package dev.leeway.match;

import dev.leeway.playbook.Play;
import dev.leeway.text.EnglishAnalyzer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs labelled texts through exactly the matcher the server uses and scores it: ranking quality,
 * abstention on texts no play covers, latency and build cost.
 */
public final class Evaluation {
  private static final int WARM_UP_QUERIES = 200;

  private final EnglishAnalyzer analysis;
  private final SentenceEmbedder embedder;
  private final MatchSettings settings;
  private final List<String> offTopic;

  public Evaluation(EnglishAnalyzer analysis, SentenceEmbedder embedder, MatchSettings settings) {
    this(analysis, embedder, settings, List.of());
  }

  /** An evaluation whose matchers also learn from {@code offTopic} texts, as the server's do. */
  public Evaluation(
      EnglishAnalyzer analysis,
      SentenceEmbedder embedder,
      MatchSettings settings,
      List<String> offTopic) {
    this.analysis = analysis;
    this.embedder = embedder;
    this.settings = settings;
    this.offTopic = List.copyOf(offTopic);
  }

  /** One play per label: title from the label, examples from that label's texts. */
  public static List<Play> playsFrom(List<LabelledText> train) {
    Map<String, List<String>> byLabel = new LinkedHashMap<>();
    for (LabelledText row : train) {
      byLabel.computeIfAbsent(row.label(), k -> new ArrayList<>()).add(row.text());
    }
    List<Play> plays = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byLabel.entrySet()) {
      List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(e.getValue()));
      plays.add(Play.forMatching(e.getKey(), titleOf(e.getKey()), distinct));
    }
    return plays;
  }

  static String titleOf(String label) {
    String words = label.replace('_', ' ').replace('-', ' ').strip();
    return words.isEmpty() ? label : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /**
   * Trains on {@code train} and scores {@code test}; rows labelled {@code noneLabel} have no play.
   */
  public EvalReport run(List<LabelledText> train, List<LabelledText> test, String noneLabel) {
    List<Play> plays = playsFrom(train);
    Set<String> known = new TreeSet<>();
    plays.forEach(p -> known.add(p.id()));
    Set<String> unknown = new TreeSet<>();
    for (LabelledText row : test) {
      if (!row.label().equals(noneLabel) && !known.contains(row.label())) {
        unknown.add(row.label());
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "test labels with no play in the training data: "
              + unknown
              + (noneLabel == null ? " (name the no-play label with --none-label)" : ""));
    }
    Tally tally = new Tally(noneLabel);
    long started = System.nanoTime();
    try (Matcher matcher = Matcher.build(plays, analysis, embedder, settings, offTopic)) {
      tally.buildMs = (System.nanoTime() - started) / 1_000_000;
      tally.heapMb = usedHeapMb();
      score(matcher, test, tally);
    }
    return tally.report();
  }

  /**
   * Stratified k-fold cross-validation over {@code data}. With {@code holdOut} > 0, that many
   * labels (chosen with {@code seed}) get no play at all and their texts are expected to abstain,
   * as texts labelled {@code noneLabel} are.
   */
  public EvalReport crossValidate(
      List<LabelledText> data, int folds, int holdOut, String noneLabel, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("--folds needs at least 2 folds");
    }
    List<String> labels =
        new ArrayList<>(new TreeSet<>(data.stream().map(LabelledText::label).toList()));
    labels.remove(noneLabel);
    if (holdOut >= labels.size()) {
      throw new IllegalArgumentException(
          "cannot hold out " + holdOut + " of " + labels.size() + " labels");
    }
    Random random = new Random(seed);
    Collections.shuffle(labels, random);
    Set<String> heldOut = new TreeSet<>(labels.subList(0, holdOut));
    String none = noneLabel != null ? noneLabel : (holdOut > 0 ? "none" : null);

    // Stratify: deal each label's rows round-robin into folds after a seeded shuffle.
    Map<String, List<LabelledText>> byLabel = new LinkedHashMap<>();
    for (LabelledText row : data) {
      byLabel.computeIfAbsent(row.label(), k -> new ArrayList<>()).add(row);
    }
    List<List<LabelledText>> fold = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      fold.add(new ArrayList<>());
    }
    int next = 0;
    for (List<LabelledText> rows : byLabel.values()) {
      List<LabelledText> shuffled = new ArrayList<>(rows);
      Collections.shuffle(shuffled, random);
      for (LabelledText row : shuffled) {
        fold.get(next++ % folds).add(row);
      }
    }

    Tally tally = new Tally(none);
    for (int f = 0; f < folds; f++) {
      List<LabelledText> train = new ArrayList<>();
      List<LabelledText> test = new ArrayList<>();
      for (int g = 0; g < folds; g++) {
        for (LabelledText row : fold.get(g)) {
          boolean isNone = heldOut.contains(row.label()) || row.label().equals(none);
          if (g == f) {
            test.add(isNone ? new LabelledText(row.text(), none) : row);
          } else if (!isNone) {
            train.add(row);
          }
        }
      }
      long started = System.nanoTime();
      try (Matcher matcher =
          Matcher.build(playsFrom(train), analysis, embedder, settings, offTopic)) {
        long buildMs = (System.nanoTime() - started) / 1_000_000;
        // The first fold's build is the cold one (empty embedding cache): that is the honest cost.
        if (f == 0) {
          tally.buildMs = buildMs;
          tally.heapMb = usedHeapMb();
        }
        score(matcher, test, tally);
      }
    }
    return tally.report();
  }

  private static void score(Matcher matcher, List<LabelledText> test, Tally tally) {
    for (int i = 0; i < Math.min(WARM_UP_QUERIES, test.size()); i++) {
      matcher.match(test.get(i).text());
    }
    for (LabelledText row : test) {
      long t0 = System.nanoTime();
      Matcher.Answer answer = matcher.answer(row.text());
      tally.latencies.add((System.nanoTime() - t0) / 1e6);
      tally.skipped += matcher.embeds() && !answer.embedded() ? 1 : 0;
      tally.add(row.label(), answer.result());
    }
  }

  private static long usedHeapMb() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
  }

  /** Running counts over all scored rows. */
  private static final class Tally {
    private final String none;
    private final List<Double> latencies = new ArrayList<>();
    private int queries;
    // Queries the words decided alone, so the sentence embedding did not run.
    private int skipped;
    private int inScope;
    private int top1;
    private int top3;
    private double reciprocalRanks;
    private int abstained;
    private int inScopeCorrect;
    private int noneRows;
    private int noneAbstained;
    // Per confidence decile of the top candidate: rows, and rows whose top candidate was right.
    private final int[] binRows = new int[10];
    private final int[] binRight = new int[10];
    private final double[] binConfidence = new double[10];
    private long buildMs;
    private long heapMb;

    Tally(String none) {
      this.none = none;
    }

    void add(String label, MatchResult result) {
      queries++;
      boolean abstain = !(result instanceof MatchResult.Matched);
      if (abstain) {
        abstained++;
      }
      if (label.equals(none)) {
        noneRows++;
        if (abstain) {
          noneAbstained++;
        }
        return;
      }
      inScope++;
      List<MatchResult.Candidate> ranked = result.candidates();
      if (!ranked.isEmpty()) {
        double confidence = ranked.get(0).confidence();
        int bin = Math.min(9, (int) (confidence * 10));
        binRows[bin]++;
        binConfidence[bin] += confidence;
        if (ranked.get(0).playId().equals(label)) {
          binRight[bin]++;
        }
      }
      for (int r = 0; r < ranked.size(); r++) {
        if (ranked.get(r).playId().equals(label)) {
          if (r == 0) {
            top1++;
            if (!abstain) {
              inScopeCorrect++;
            }
          }
          if (r < 3) {
            top3++;
          }
          reciprocalRanks += 1.0 / (r + 1);
          break;
        }
      }
    }

    EvalReport report() {
      double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      EvalReport.Latency latency =
          new EvalReport.Latency(
              round(percentile(sorted, 0.50), 3),
              round(percentile(sorted, 0.99), 3),
              round(java.util.Arrays.stream(sorted).average().orElse(0), 3));
      boolean hasNone = none != null;
      return new EvalReport(
          queries,
          round(ratio(top1, inScope), 4),
          round(ratio(top3, inScope), 4),
          round(reciprocalRanks / Math.max(1, inScope), 4),
          round(ratio(abstained, queries), 4),
          hasNone ? round(ratio(inScopeCorrect, inScope), 4) : null,
          hasNone ? round(ratio(noneAbstained, noneRows), 4) : null,
          hasNone ? round(ratio(noneAbstained, abstained), 4) : null,
          latency,
          round(ratio(skipped, queries), 4),
          buildMs,
          heapMb,
          round(calibrationError(), 4));
    }

    private double calibrationError() {
      int total = 0;
      double error = 0;
      for (int b = 0; b < 10; b++) {
        if (binRows[b] > 0) {
          error += Math.abs(binConfidence[b] - binRight[b]);
          total += binRows[b];
        }
      }
      return total == 0 ? 0 : error / total;
    }

    private static double percentile(double[] sorted, double q) {
      if (sorted.length == 0) {
        return 0;
      }
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double ratio(int a, int b) {
      return b == 0 ? 0 : (double) a / b;
    }

    private static double round(double v, int places) {
      double f = Math.pow(10, places);
      return Math.round(v * f) / f;
    }
  }
}
