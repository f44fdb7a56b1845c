package dev.leeway.match;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import dev.leeway.match.MatchResult.Candidate;
import dev.leeway.match.MatchResult.Signals;
import dev.leeway.playbook.Play;
import dev.leeway.text.AnalysedText;
import dev.leeway.text.EnglishAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.lucene.util.VectorUtil;

/**
 * Finds the plays that fit a free-text situation: a linear classifier over sentence embeddings and
 * TF-IDF n-grams, fused with Lucene's BM25 ranking, with an explicit abstention when the best play
 * is unlikely to be the right one. Built once per pack version and then read-only, so it is safe to
 * share between threads.
 */
public final class Matcher implements AutoCloseable {
  private static final int BM25_CANDIDATES = 20;
  private static final int NEIGHBOURS = 40;
  // Nearest-neighbour cosines span a narrow band, so they need a far sharper softmax than margins.
  private static final double NEIGHBOUR_TEMPERATURE = 30;
  private static final double NEIGHBOUR_NONE_COSINE = 0.55;
  // Without a classifier, BM25 is the only lexical evidence, so it keeps a fixed share.
  private static final double NEIGHBOUR_BM25_WEIGHT = 0.3;
  private static final double SUPPORT_SOFTNESS = 0.05;
  // TF-IDF cosines run lower than embedding cosines for the same paraphrase.
  private static final double LEXICAL_SIMILARITY_FLOOR = 0.2;
  // Calibration trains the classifier three more times; above this many examples that would push
  // the build past its budget, and the settings' temperature and none margin (measured on
  // BANKING77's 10,000 examples) apply instead.
  private static final int CALIBRATION_MAX_EXAMPLES = 5000;
  // BM25 scores have no fixed scale; relative to the best hit, this sharpness made them comparable.
  private static final double BM25_SHARPNESS = 6.0;

  private final List<Play> plays;
  private final EnglishAnalyzer analysis;
  private final SentenceEmbedder embedder;
  private final MatchSettings settings;
  // Built alongside the classifier; awaited only where it ranks (see build).
  private final CompletableFuture<PlayIndex> index;
  private final LexicalFeatures lexical;
  private final PlayClassifier classifier;
  private final int embeddingDims;
  // Per play, its training texts and their embeddings: the evidence a candidate can point to.
  private final List<List<String>> exampleTexts;
  private final float[][][] exampleVectors;
  private final ConfidenceCalibration.Fit calibration;
  // Without embeddings, closeness to an example is measured on TF-IDF vectors instead.
  private final List<List<TreeMap<Integer, Float>>> exampleTerms;
  // The off-topic texts' embeddings, for the abstainer; null without embeddings, texts or
  // abstainer.
  private final float[][] offTopicVectors;
  private final WordSpread spread;
  // The words-only first stage; null when there is no embedding to save or no classifier to ask.
  private final Cascade cascade;
  // Per play, its examples' TF-IDF content vectors: the evidence a words-decided candidate points
  // to.
  private final List<List<Sparse>> exampleWords;
  // Play id to its position in plays: the abstainer needs the best candidate's margins.
  private final Map<String, Integer> ordinalById = new java.util.HashMap<>();
  // Where the build's time went, for the log.
  private String buildTimings = "";
  private boolean calibrationKept;

  private Matcher(
      List<Play> plays,
      EnglishAnalyzer analysis,
      SentenceEmbedder embedder,
      MatchSettings settings,
      CompletableFuture<PlayIndex> index,
      LexicalFeatures lexical,
      PlayClassifier classifier,
      int embeddingDims,
      List<List<String>> exampleTexts,
      float[][][] exampleVectors,
      ConfidenceCalibration.Fit calibration,
      List<List<TreeMap<Integer, Float>>> exampleTerms,
      float[][] offTopicVectors,
      WordSpread spread,
      Cascade cascade,
      List<List<Sparse>> exampleWords) {
    this.plays = plays;
    this.analysis = analysis;
    this.embedder = embedder;
    this.settings = settings;
    this.index = index;
    this.lexical = lexical;
    this.classifier = classifier;
    this.embeddingDims = embeddingDims;
    this.exampleTexts = exampleTexts;
    this.exampleVectors = exampleVectors;
    this.calibration = calibration;
    this.exampleTerms = exampleTerms;
    this.offTopicVectors = offTopicVectors;
    this.spread = spread;
    this.cascade = cascade;
    this.exampleWords = exampleWords;
    for (int p = 0; p < plays.size(); p++) {
      ordinalById.put(plays.get(p).id(), p);
    }
  }

  /**
   * Builds the matcher for {@code plays} (all of them are matchable: filter by status first).
   *
   * @param embedder null to match on words alone
   */
  public static Matcher build(
      List<Play> plays,
      EnglishAnalyzer analysis,
      SentenceEmbedder embedder,
      MatchSettings settings) {
    return build(plays, analysis, embedder, settings, List.of());
  }

  /**
   * Builds the matcher, with {@code offTopic} texts (things agents type that are no customer's
   * situation) teaching the abstainer what no play covers, beside the plays it hides.
   */
  public static Matcher build(
      List<Play> plays,
      EnglishAnalyzer analysis,
      SentenceEmbedder embedder,
      MatchSettings settings,
      List<String> offTopic) {
    return build(plays, analysis, embedder, settings, offTopic, null);
  }

  /**
   * A matcher for {@code plays} whose classifiers are trained now but whose calibration (softmax
   * temperature, none margin, nearest-example weight, abstainer, and the words-only stage's
   * threshold) is {@code previous}'s, not fitted again: the fit trains the classifier three more
   * times and is most of a build, while one play more or a few examples changed hardly move it. A
   * build with a fitted calibration ({@link #build(List, EnglishAnalyzer, SentenceEmbedder,
   * MatchSettings, List)}) should follow. Falls back to that full build when {@code previous} has
   * no calibration to give (no classifier, or other settings or embedding).
   */
  public static Matcher calibratedLike(
      List<Play> plays,
      EnglishAnalyzer analysis,
      SentenceEmbedder embedder,
      MatchSettings settings,
      List<String> offTopic,
      Matcher previous) {
    boolean reusable =
        previous.classifier != null
            && previous.settings.equals(settings)
            && previous.embeds() == (embedder != null);
    return build(plays, analysis, embedder, settings, offTopic, reusable ? previous : null);
  }

  /** Whether this matcher's calibration was taken over from an earlier matcher, not fitted. */
  public boolean calibrationKept() {
    return calibrationKept;
  }

  /** Where the build's time went: embedding, classifiers, calibration. */
  public String buildTimings() {
    return buildTimings;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static Matcher build(
      List<Play> plays,
      EnglishAnalyzer analysis,
      SentenceEmbedder embedder,
      MatchSettings settings,
      List<String> offTopic,
      Matcher calibrated) {
    long began = System.nanoTime();
    List<Play> pack = List.copyOf(plays);
    List<String> texts = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    int[] firstExample = new int[pack.size() + 1];
    for (int p = 0; p < pack.size(); p++) {
      firstExample[p] = texts.size();
      for (String text : trainingTexts(pack.get(p))) {
        texts.add(text);
        owner.add(p);
      }
    }
    firstExample[pack.size()] = texts.size();

    int cachedBefore = embedder == null ? 0 : embedder.cache().size();
    float[][] vectors = embedder == null ? null : embedder.embedAll(texts, settings.buildThreads());
    int embeddedNow = embedder == null ? 0 : embedder.cache().size() - cachedBefore;
    long embedded = System.nanoTime();
    int dims = vectors == null || vectors.length == 0 ? 0 : vectors[0].length;
    boolean useClassifier = pack.size() >= 2 && pack.size() <= settings.classifierMaxPlays();

    float[][][] exampleVectors = null;
    List<List<String>> exampleTexts = new ArrayList<>();
    for (int p = 0; p < pack.size(); p++) {
      exampleTexts.add(List.copyOf(texts.subList(firstExample[p], firstExample[p + 1])));
    }
    if (vectors != null) {
      exampleVectors = new float[pack.size()][][];
      for (int p = 0; p < pack.size(); p++) {
        exampleVectors[p] = Arrays.copyOfRange(vectors, firstExample[p], firstExample[p + 1]);
      }
    }
    float[][][] indexVectors = useClassifier ? null : exampleVectors;
    // Build results are cached beside the example embeddings; without a persistent cache, not at
    // all.
    Path cacheFolder = embedder == null ? null : embedder.cache().folder().orElse(null);
    List<String> analysedTexts = new ArrayList<>(texts);
    analysedTexts.addAll(offTopic);
    pack.forEach(play -> analysedTexts.addAll(PlayIndex.fieldTexts(play)));
    Map<String, AnalysedText> analysed =
        ExampleAnalysis.of(analysedTexts, analysis, cacheFolder, settings.buildThreads());
    long analysedAt = System.nanoTime();
    long classifierMillis = 0;
    long calibrationMillis = 0;
    long wordsMillis = 0;
    String calibrationHow = "none";
    // The index is built on a second core while the classifier trains. With the classifier and no
    // BM25 share it is not on the ranking path, and the matcher is ready without waiting for it.
    CompletableFuture<PlayIndex> indexing =
        CompletableFuture.supplyAsync(() -> PlayIndex.build(pack, analysed::get, indexVectors));
    boolean ranksWithIndex = !useClassifier || settings.bm25Weight() > 0;
    LexicalFeatures lexical = null;
    PlayClassifier classifier = null;
    List<List<TreeMap<Integer, Float>>> exampleTerms = null;
    ConfidenceCalibration.Fit calibration =
        new ConfidenceCalibration.Fit(
            settings.temperature(), settings.noneMargin(), settings.nearestWeight(), null);
    float[][] offVectors = null;
    Cascade cascade = null;
    List<List<Sparse>> exampleWords = null;
    if (useClassifier) {
      List<List<String>> terms = texts.stream().map(t -> analysed.get(t).terms()).toList();
      lexical = new LexicalFeatures(terms);
      Feature[][] x = new Feature[texts.size()][];
      int[] y = new int[texts.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] =
            features(
                vectors == null ? null : vectors[i],
                lexical.vector(terms.get(i)),
                dims,
                settings.lexicalWeight());
        y[i] = owner.get(i);
      }
      long training = System.nanoTime();
      classifier =
          PlayClassifier.cached(cacheFolder, x, y, dims + lexical.size(), settings.svmCost());
      classifierMillis = millisSince(training);
      if (vectors == null) {
        exampleTerms = new ArrayList<>();
        for (int p = 0; p < pack.size(); p++) {
          List<TreeMap<Integer, Float>> ofPlay = new ArrayList<>();
          for (int i = firstExample[p]; i < firstExample[p + 1]; i++) {
            ofPlay.add(lexical.vector(contentTerms(terms.get(i))));
          }
          exampleTerms.add(ofPlay);
        }
      }
      // The words-only first stage saves the embedding's cost, so it is only built where there is
      // one; with BM25 in the fusion the words-only answer would not be the full path's.
      ConfidenceCalibration.Words words = null;
      if (vectors != null && settings.bm25Weight() == 0) {
        LexicalFeatures vocabulary = lexical;
        words =
            new ConfidenceCalibration.Words(
                terms.stream()
                    .map(t -> Cascade.features(vocabulary.vector(t)))
                    .toArray(Feature[][]::new),
                offTopic.stream()
                    .map(t -> Cascade.features(vocabulary.vector(analysed.get(t).terms())))
                    .toArray(Feature[][]::new),
                lexical.size());
        exampleWords = new ArrayList<>();
        for (int p = 0; p < pack.size(); p++) {
          List<Sparse> ofPlay = new ArrayList<>();
          for (int i = firstExample[p]; i < firstExample[p + 1]; i++) {
            ofPlay.add(Sparse.of(lexical.vector(contentTerms(terms.get(i)))));
          }
          exampleWords.add(ofPlay);
        }
      }
      long calibrating = System.nanoTime();
      if (calibrated != null) {
        // Kept from the earlier matcher: its words-only fit too, whichever way it was made.
        ConfidenceCalibration.Fit kept = calibrated.calibration;
        if (kept.words() == null) {
          kept = kept.withWords(calibrated.cascade().orElse(Cascade.Fit.NEVER));
        }
        calibration = kept;
        offVectors = calibrated.offTopicVectors;
        calibrationHow = "kept";
      } else if (texts.size() <= CALIBRATION_MAX_EXAMPLES) {
        calibrationHow = "fitted or cached";
        ConfidenceCalibration.Fit defaults = calibration;
        int features = dims + lexical.size();
        int[] contentTerms = terms.stream().mapToInt(t -> contentTerms(t).size()).toArray();
        LexicalFeatures vocabulary = lexical;
        offVectors =
            embedder == null || offTopic.isEmpty()
                ? null
                : embedder.embedAll(offTopic, settings.buildThreads());
        Feature[][] offX = new Feature[offTopic.size()][];
        int[] offLengths = new int[offTopic.size()];
        for (int j = 0; j < offX.length; j++) {
          List<String> offTerms = analysed.get(offTopic.get(j)).terms();
          offX[j] =
              features(
                  offVectors == null ? null : offVectors[j],
                  vocabulary.vector(offTerms),
                  dims,
                  settings.lexicalWeight());
          offLengths[j] = contentTerms(offTerms).size();
        }
        ConfidenceCalibration.OffTopic off =
            new ConfidenceCalibration.OffTopic(offX, offVectors, offLengths);
        ConfidenceCalibration.Words wordRows = words;
        List<String> keyTexts = new ArrayList<>(texts);
        keyTexts.addAll(offTopic);
        int[] keyPlays = Arrays.copyOf(y, keyTexts.size());
        Arrays.fill(keyPlays, y.length, keyPlays.length, -1);
        calibration =
            ConfidenceCalibration.cached(
                cacheFolder,
                ConfidenceCalibration.key(
                    keyTexts,
                    keyPlays,
                    settings.svmCost(),
                    settings.lexicalWeight(),
                    // The words-only stage is fitted against the answers, which hang on the bar and
                    // floor too.
                    (settings.embedding() == null ? "none" : settings.embedding().id())
                        + "|"
                        + settings.abstainBelow()
                        + "|"
                        + settings.similarityFloor()
                        + "|"
                        + (words != null),
                    defaults),
                () ->
                    ConfidenceCalibration.fit(
                        x,
                        y,
                        texts,
                        pack.stream().map(Play::id).toList(),
                        vectors,
                        contentTerms,
                        off,
                        wordRows,
                        pack.size(),
                        features,
                        settings,
                        defaults));
      }
      calibrationMillis = millisSince(calibrating);
      long wordsTraining = System.nanoTime();
      if (words != null) {
        // Above the calibration's size the full matcher's own held-back answers are not computed:
        // the words-only stage is then fitted against the examples' own plays.
        Cascade.Fit fit =
            calibration.words() != null
                ? calibration.words()
                : Cascade.fit(
                    words.x(),
                    y,
                    texts,
                    pack.stream().map(Play::id).toList(),
                    words.offTopic(),
                    lexical.size(),
                    settings.svmCost());
        if (fit.threshold() <= 1) {
          cascade =
              new Cascade(
                  PlayClassifier.cached(
                      cacheFolder, "words-", words.x(), y, lexical.size(), settings.svmCost()),
                  lexical.size(),
                  fit);
        }
      }
      wordsMillis = millisSince(wordsTraining);
    }
    if (ranksWithIndex) {
      join(indexing);
    }
    // Examples only: a title or situation is written to cover its play's ground, not as agents say
    // it.
    List<List<String>> spreadTerms = new ArrayList<>();
    List<Integer> spreadOwners = new ArrayList<>();
    for (int p = 0; p < pack.size(); p++) {
      for (String example : pack.get(p).examples()) {
        spreadTerms.add(contentTerms(analysed.get(example.strip()).terms()));
        spreadOwners.add(p);
      }
    }
    WordSpread spread =
        WordSpread.of(
            spreadTerms, spreadOwners.stream().mapToInt(Integer::intValue).toArray(), pack.size());
    Matcher matcher =
        new Matcher(
            pack,
            analysis,
            embedder,
            settings,
            indexing,
            lexical,
            classifier,
            dims,
            exampleTexts,
            exampleVectors,
            calibration,
            exampleTerms,
            offVectors,
            spread,
            cascade,
            exampleWords);
    matcher.calibrationKept = calibrated != null;
    matcher.buildTimings =
        String.format(
            java.util.Locale.ROOT,
            "%d texts embedded in %d ms, analysis %d ms, classifier %d ms, calibration %s %d ms,"
                + " words stage %d ms, total %d ms",
            embeddedNow,
            (embedded - began) / 1_000_000,
            (analysedAt - embedded) / 1_000_000,
            classifierMillis,
            calibrationHow,
            calibrationMillis,
            wordsMillis,
            millisSince(began));
    return matcher;
  }

  /** What the classifier learns from: the examples, and the title and situation as examples too. */
  public static List<String> trainingTexts(Play play) {
    List<String> texts = new ArrayList<>(play.examples().stream().map(String::strip).toList());
    texts.add(play.title().strip());
    if (!play.situation().isBlank()) {
      // YAML's folded blocks end in a newline; it would show in the evidence an agent reads.
      texts.add(play.situation().strip());
    }
    return texts;
  }

  public int size() {
    return plays.size();
  }

  /** The sentence embedding matching uses, if any: to compare other texts the way matching does. */
  public java.util.Optional<SentenceEmbedder> embedder() {
    return java.util.Optional.ofNullable(embedder);
  }

  /** Whether matching uses a sentence embedding at all (then the words-only stage can skip it). */
  boolean embeds() {
    return embedder != null;
  }

  public MatchSettings settings() {
    return settings;
  }

  ConfidenceCalibration.Fit calibration() {
    return calibration;
  }

  /** The words-only first stage's fit; empty when the matcher has none. */
  java.util.Optional<Cascade.Fit> cascade() {
    return java.util.Optional.ofNullable(cascade).map(Cascade::fit);
  }

  /** A match, and whether the sentence embedding ran for it. */
  record Answer(MatchResult result, boolean embedded) {}

  /**
   * Ranks the plays for {@code text}; abstains when the best confidence is below the threshold, and
   * calls the text vague when it is one word that too many plays use to tell which it means.
   */
  public MatchResult match(String text) {
    return answer(text).result();
  }

  /**
   * {@link #match}, saying whether the embedding ran: when the words-only classifier's confidence
   * reaches the threshold learned for this pack (see {@link Cascade}), its answer stands and the
   * embedding is skipped.
   */
  Answer answer(String text) {
    List<List<String>> words = analysis.words(text);
    List<String> terms = words.stream().flatMap(List::stream).toList();
    if (cascade != null) {
      MatchResult decided = decidedByWords(words, terms);
      if (decided != null) {
        return new Answer(decided, false);
      }
    }
    return new Answer(matchFully(text, words, terms), embedder != null);
  }

  /**
   * The full path alone, as if there were no words-only stage: what the cascade is checked against.
   */
  MatchResult matchFully(String text) {
    List<List<String>> words = analysis.words(text);
    return matchFully(text, words, words.stream().flatMap(List::stream).toList());
  }

  /**
   * The words-only answer when the words decide it: the best play's words-only confidence reaches
   * both the pack's threshold and the abstention bar, and the text is not a vague one-word topic
   * (the full path words that question). Null when the full path must decide.
   */
  private MatchResult decidedByWords(List<List<String>> words, List<String> terms) {
    double[] probability = cascade.probabilities(lexical.vector(terms), plays.size());
    Integer[] order = new Integer[probability.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Ties break on play order, as in the full path.
    Arrays.sort(order, (a, b) -> Double.compare(probability[b], probability[a]));
    double best = probability[order[0]];
    List<String> content = contentTerms(terms);
    // The threshold was learned on examples, which are phrases, not single words: a one-word text
    // ("ty") can score as high as any phrase while the full path rightly abstains on it.
    if (!cascade.decides(best)
        || best < settings.abstainBelow()
        || content.size() < 2
        || !spread.vaguePlays(words).isEmpty()) {
      return null;
    }
    Sparse contentVector = Sparse.of(lexical.vector(content));
    // The words decided one play; the others share what is left below 1 - threshold, a guess the
    // full path would have refined, so they are not listed.
    int p = order[0];
    Play play = plays.get(p);
    List<Sparse> examples = exampleWords.get(p);
    int nearest = 0;
    double closest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < examples.size(); i++) {
      double cosine = contentVector.dot(examples.get(i));
      if (cosine > closest) {
        closest = cosine;
        nearest = i;
      }
    }
    // No embedding, so no cosine to report; the nearest example is the closest in words.
    Candidate decided =
        new Candidate(
            play.id(),
            play.title(),
            play.version(),
            best,
            new Signals(
                best, 0, null, examples.isEmpty() ? null : exampleTexts.get(p).get(nearest)));
    return new MatchResult.Matched(List.of(decided));
  }

  private MatchResult matchFully(String text, List<List<String>> words, List<String> terms) {
    float[] vector = embedder == null ? null : embedder.embedQuery(text);
    // Closeness to every example feeds the classifier's margins when the calibration gave it
    // weight, and the abstainer; otherwise only the candidates need it, and the pass is skipped.
    ExampleCosines closeness =
        classifier == null
                || vector == null
                || exampleVectors == null
                || (calibration.nearestWeight() == 0 && calibration.abstainer() == null)
            ? null
            : ExampleCosines.of(vector, exampleVectors);
    double[] margins = classifier == null ? null : margins(terms, vector, closeness);
    double[] semantic =
        margins != null
            ? softmaxWithNone(margins, calibration.temperature(), calibration.noneMargin())
            : neighbourProbabilities(vector);
    double w =
        semantic == null ? 1.0 : classifier != null ? settings.bm25Weight() : NEIGHBOUR_BM25_WEIGHT;
    double[] lexicalShare = w > 0 ? bm25Probabilities(terms) : new double[plays.size()];
    // The lexical share is relative to the best BM25 hit, however weak; scaling it by the mass the
    // semantic side gives to any play keeps an off-topic text from borrowing confidence from it.
    double mass = semantic == null ? 1.0 : Arrays.stream(semantic).sum();
    double[] fused = new double[plays.size()];
    for (int p = 0; p < fused.length; p++) {
      fused[p] = (1 - w) * (semantic == null ? 0 : semantic[p]) + w * lexicalShare[p] * mass;
    }
    TreeMap<Integer, Float> queryTerms =
        exampleTerms == null ? null : lexical.vector(contentTerms(terms));
    List<Candidate> top = top(fused, semantic, lexicalShare, vector, closeness, queryTerms);
    if (top.isEmpty()) {
      return new MatchResult.NoMatch(top, "no play shares any words or meaning with the text");
    }
    java.util.BitSet vague = spread.vaguePlays(words);
    if (!vague.isEmpty()) {
      List<Candidate> likeliest =
          top.stream().filter(c -> vague.get(ordinalById.get(c.playId()))).toList();
      return new MatchResult.Vague(likeliest.isEmpty() ? top : likeliest, vague.cardinality());
    }
    if (calibration.abstainer() != null && margins != null) {
      int best = ordinalById.get(top.get(0).playId());
      Abstainer.Evidence evidence =
          Abstainer.Evidence.of(
              margins,
              semantic,
              closeness != null
                  ? closeness.closest()
                  : bestOnly(best, top.get(0).signals().similarity()),
              best,
              contentTerms(terms).size(),
              closeness == null ? 0 : closeness.offTopicShare(vector, offTopicVectors, -1));
      top = withBestConfidence(top, calibration.abstainer().probability(evidence));
    }
    if (top.get(0).confidence() < settings.abstainBelow()) {
      return new MatchResult.NoMatch(
          top,
          String.format(
              "the closest play, '%s', has confidence %.2f, below the threshold %.2f",
              top.get(0).title(), top.get(0).confidence(), settings.abstainBelow()));
    }
    return new MatchResult.Matched(top);
  }

  /** The classifier's margin per play, plus nearest-example evidence when there are embeddings. */
  private double[] margins(List<String> terms, float[] vector, ExampleCosines closeness) {
    Feature[] x = features(vector, lexical.vector(terms), embeddingDims, settings.lexicalWeight());
    double[] margins = classifier.scores(x, plays.size(), embeddingDims + lexical.size());
    if (closeness != null && calibration.nearestWeight() != 0) {
      addCloseness(margins, closeness.closest(), calibration.nearestWeight());
    }
    return margins;
  }

  /**
   * The best candidate's confidence becomes {@code probability}; the others keep their proportions,
   * scaled so that none passes the best and all of them sum to at most 1.
   */
  static List<Candidate> withBestConfidence(List<Candidate> ranked, double probability) {
    double others = 0;
    for (int k = 1; k < ranked.size(); k++) {
      others += ranked.get(k).confidence();
    }
    double scale = probability / ranked.get(0).confidence();
    if (others > 0) {
      scale = Math.min(scale, (1 - probability) / others);
    }
    List<Candidate> out = new ArrayList<>();
    for (int k = 0; k < ranked.size(); k++) {
      Candidate c = ranked.get(k);
      double confidence = k == 0 ? probability : c.confidence() * scale;
      out.add(new Candidate(c.playId(), c.title(), c.playVersion(), confidence, c.signals()));
    }
    return List.copyOf(out);
  }

  /**
   * Without a classifier: probability per play from its nearest examples; what is left to 1 is the
   * chance that none fits. Null when there is no embedding either.
   */
  private double[] neighbourProbabilities(float[] vector) {
    if (vector == null) {
      return null;
    }
    double[] cosine = new double[plays.size()];
    Arrays.fill(cosine, Double.NEGATIVE_INFINITY);
    join(index).nearestExamples(vector, NEIGHBOURS).forEach((p, s) -> cosine[p] = s);
    return softmaxWithNone(cosine, NEIGHBOUR_TEMPERATURE, NEIGHBOUR_NONE_COSINE);
  }

  private double[] bm25Probabilities(List<String> terms) {
    double[] share = new double[plays.size()];
    Map<Integer, Float> hits = join(index).bm25(terms, BM25_CANDIDATES);
    if (hits.isEmpty()) {
      return share;
    }
    double best = hits.values().stream().mapToDouble(Float::doubleValue).max().orElse(1);
    double sum = 0;
    for (Map.Entry<Integer, Float> hit : hits.entrySet()) {
      double v = Math.exp(BM25_SHARPNESS * (hit.getValue() / best - 1));
      share[hit.getKey()] = v;
      sum += v;
    }
    for (int p = 0; p < share.length; p++) {
      share[p] /= sum;
    }
    return share;
  }

  /**
   * The best candidates, each discounted by how close the text comes to any of its examples: a
   * classifier must pick among the plays it knows, so an unrelated text can still get a high share;
   * its distance from every example phrasing is what gives it away.
   */
  private List<Candidate> top(
      double[] fused,
      double[] semantic,
      double[] lexicalShare,
      float[] vector,
      ExampleCosines closeness,
      TreeMap<Integer, Float> queryTerms) {
    Integer[] order = new Integer[fused.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Ties break on play order, which is stable for a pack version: same input, same ranking.
    Arrays.sort(order, (a, b) -> Double.compare(fused[b], fused[a]));
    List<Candidate> top = new ArrayList<>();
    // Gating can reorder the leaders, so look a little deeper than topK before cutting.
    int pool = Math.min(order.length, settings.topK() * 2);
    for (int k = 0; k < pool; k++) {
      int p = order[k];
      if (fused[p] <= 0) {
        break;
      }
      Play play = plays.get(p);
      int nearest = -1;
      double similarity = Double.NaN;
      double confidence = fused[p];
      if (vector != null && exampleVectors != null) {
        nearest =
            closeness != null ? closeness.nearest(p) : nearestExample(vector, exampleVectors[p]);
        similarity =
            closeness != null
                ? closeness.closest()[p]
                : VectorUtil.dotProduct(vector, exampleVectors[p][nearest]);
        confidence *= support(similarity, settings.similarityFloor());
      } else if (queryTerms != null) {
        List<TreeMap<Integer, Float>> examples = exampleTerms.get(p);
        for (int i = 0; i < examples.size(); i++) {
          double cosine = sparseDot(queryTerms, examples.get(i));
          if (nearest < 0 || cosine > similarity) {
            nearest = i;
            similarity = cosine;
          }
        }
        confidence *= support(similarity, LEXICAL_SIMILARITY_FLOOR);
      }
      top.add(
          new Candidate(
              play.id(),
              play.title(),
              play.version(),
              confidence,
              new Signals(
                  semantic == null ? 0 : semantic[p],
                  lexicalShare[p],
                  Double.isNaN(similarity) ? null : similarity,
                  nearest < 0 ? null : exampleTexts.get(p).get(nearest))));
    }
    top.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
    return List.copyOf(top.subList(0, Math.min(settings.topK(), top.size())));
  }

  static double support(double similarity, double floor) {
    // A logistic step at the floor: full support well above it, little well below it.
    return 1 / (1 + Math.exp(-(similarity - floor) / SUPPORT_SOFTNESS));
  }

  /**
   * The terms that carry content. Function words stay in the classifier's features (in "why was my
   * card declined" they matter), but closeness to an example must rest on content words: in a small
   * pack even "of" is rare enough to look distinctive.
   */
  private static List<String> contentTerms(List<String> terms) {
    return terms.stream().filter(t -> !EnglishAnalyzer.isStopWord(t)).toList();
  }

  /**
   * A sparse vector as parallel arrays in ascending index order: the dot product is a merge of two
   * short arrays, where a TreeMap lookup per term cost a tenth of an answer's CPU under load.
   */
  record Sparse(int[] index, float[] value) {
    static Sparse of(TreeMap<Integer, Float> vector) {
      int[] index = new int[vector.size()];
      float[] value = new float[vector.size()];
      int k = 0;
      for (Map.Entry<Integer, Float> e : vector.entrySet()) {
        index[k] = e.getKey();
        value[k++] = e.getValue();
      }
      return new Sparse(index, value);
    }

    double dot(Sparse other) {
      double dot = 0;
      int i = 0;
      int j = 0;
      while (i < index.length && j < other.index.length) {
        int a = index[i];
        int b = other.index[j];
        if (a == b) {
          dot += value[i++] * other.value[j++];
        } else if (a < b) {
          i++;
        } else {
          j++;
        }
      }
      return dot;
    }
  }

  private static double sparseDot(TreeMap<Integer, Float> a, TreeMap<Integer, Float> b) {
    TreeMap<Integer, Float> small = a.size() <= b.size() ? a : b;
    TreeMap<Integer, Float> large = small == a ? b : a;
    double dot = 0;
    for (Map.Entry<Integer, Float> e : small.entrySet()) {
      Float other = large.get(e.getKey());
      if (other != null) {
        dot += e.getValue() * other;
      }
    }
    return dot;
  }

  /**
   * Per play, the best play's closest-example cosine and nothing for the others; null without one.
   */
  private double[] bestOnly(int best, Double cosine) {
    if (cosine == null || exampleVectors == null) {
      return null;
    }
    double[] cosines = new double[plays.size()];
    cosines[best] = cosine;
    return cosines;
  }

  /**
   * Adds nearest-example evidence to classifier margins: the SVM generalises over all examples, the
   * closest phrasing catches what it smooths away. Worth +0.5 points top-1 and top-3 on BANKING77
   * at weight 3.
   */
  static void addCloseness(double[] margins, double[] cosine, double weight) {
    for (int p = 0; p < margins.length; p++) {
      if (margins[p] != Double.NEGATIVE_INFINITY) {
        margins[p] += weight * cosine[p];
      }
    }
  }

  static int nearestExample(float[] vector, float[][] examples) {
    int best = 0;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < examples.length; i++) {
      float score = VectorUtil.dotProduct(vector, examples[i]);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  private static Feature[] features(
      float[] vector, TreeMap<Integer, Float> lexical, int dims, double lexicalWeight) {
    int dense = vector == null ? 0 : vector.length;
    Feature[] x = new Feature[dense + lexical.size()];
    for (int j = 0; j < dense; j++) {
      x[j] = new FeatureNode(j + 1, vector[j]);
    }
    int k = dense;
    for (Map.Entry<Integer, Float> e : lexical.entrySet()) {
      x[k++] = new FeatureNode(dims + e.getKey() + 1, e.getValue() * lexicalWeight);
    }
    return x;
  }

  /**
   * A softmax over the scores plus one more option, "none of them", scored {@code noneScore}: when
   * no play's score clears it, most of the probability goes to none instead of being shared out
   * among the plays. That is what lets the matcher abstain on situations no play covers.
   */
  static double[] softmaxWithNone(double[] scores, double temperature, double noneScore) {
    double max = noneScore;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double[] p = new double[scores.length];
    double sum = Math.exp(temperature * (noneScore - max));
    for (int i = 0; i < p.length; i++) {
      p[i] = scores[i] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(temperature * (scores[i] - max));
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  @Override
  public void close() {
    join(index).close();
  }

  private static PlayIndex join(CompletableFuture<PlayIndex> index) {
    try {
      return index.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
