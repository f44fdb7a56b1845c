package dev.leeway.app;

import dev.leeway.match.MatchSettings;
import dev.leeway.match.OffTopicTexts;
import dev.leeway.match.SentenceEmbedder;
import dev.leeway.match.TextCache;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Matching options shared by the commands that build a matcher; unset ones keep the defaults. */
public final class MatchingOptions {
  @Option(
      names = "--embedding",
      paramLabel = "MODEL",
      description =
          "all-minilm-l6-v2-q (default), bge-small-en-v1.5-q (in builds with -Peval-models), or none")
  String embedding;

  @Option(
      names = "--synonyms",
      paramLabel = "FILE",
      description = "synonym list (default: config/synonyms.txt if present)")
  Path synonyms = Path.of("config", "synonyms.txt");

  @Option(names = "--no-synonyms", description = "analyse without synonyms")
  boolean noSynonyms;

  @Option(
      names = "--off-topic",
      paramLabel = "FILE",
      description =
          "texts no play covers, for the abstainer (default: config/off-topic.txt if present)")
  Path offTopic = Path.of("config", "off-topic.txt");

  @Option(names = "--no-off-topic", description = "build without the off-topic texts")
  boolean noOffTopic;

  @Option(
      names = "--embedding-cache",
      paramLabel = "FILE",
      description = "persist example embeddings here (default: in memory)")
  Path cacheFile;

  @Option(names = "--lexical-weight", hidden = true)
  Double lexicalWeight;

  @Option(names = "--svm-cost", hidden = true)
  Double svmCost;

  @Option(names = "--temperature", hidden = true)
  Double temperature;

  @Option(names = "--none-margin", hidden = true)
  Double noneMargin;

  @Option(names = "--nearest-weight", hidden = true)
  Double nearestWeight;

  @Option(names = "--bm25-weight", hidden = true)
  Double bm25Weight;

  @Option(names = "--similarity-floor", hidden = true)
  Double similarityFloor;

  @Option(
      names = "--abstain-below",
      paramLabel = "P",
      description = "confidence under which no play fits")
  Double abstainBelow;

  @Option(names = "--classifier-max-plays", hidden = true)
  Integer classifierMaxPlays;

  /** The defaults with every option the user set applied. */
  public MatchSettings settings() {
    MatchSettings.Builder s = MatchSettings.defaults().toBuilder();
    if (embedding != null) {
      s.embedding(
          embedding.equals("none") ? null : available(SentenceEmbedder.Model.byId(embedding)));
    }
    if (lexicalWeight != null) s.lexicalWeight(lexicalWeight);
    if (svmCost != null) s.svmCost(svmCost);
    if (temperature != null) s.temperature(temperature);
    if (noneMargin != null) s.noneMargin(noneMargin);
    if (nearestWeight != null) s.nearestWeight(nearestWeight);
    if (bm25Weight != null) s.bm25Weight(bm25Weight);
    if (similarityFloor != null) s.similarityFloor(similarityFloor);
    if (abstainBelow != null) s.abstainBelow(abstainBelow);
    if (classifierMaxPlays != null) s.classifierMaxPlays(classifierMaxPlays);
    return s.build();
  }

  /**
   * The model, if its files are on the class path. BGE-small is only compared against in
   * evaluations, so the default build leaves its 34 MB out; without this check the user would learn
   * only that a resource is missing, not how to get it.
   */
  static SentenceEmbedder.Model available(SentenceEmbedder.Model model) {
    if (model == SentenceEmbedder.Model.BGE_SMALL_EN_V15_Q
        && MatchingOptions.class.getClassLoader().getResource("bge-small-en-v1.5-q.onnx") == null) {
      throw new IllegalArgumentException(
          "the embedding model "
              + model.id()
              + " is not in this build: it is for evaluation only; build with"
              + " 'mvn -Peval-models -DskipTests package' to include it");
    }
    return model;
  }

  /** The off-topic texts the server would use, unless turned off. */
  java.util.List<String> offTopic() {
    return noOffTopic ? java.util.List.of() : OffTopicTexts.read(offTopic);
  }

  /** Loads the analysis and embedding models these options and {@code settings} ask for. */
  public MatchingSetup setup(MatchSettings settings) {
    Path synonymFile = noSynonyms || !Files.isRegularFile(synonyms) ? null : synonyms;
    TextCache<float[]> cache =
        cacheFile == null ? TextCache.embeddingsInMemory() : TextCache.embeddings(cacheFile);
    return MatchingSetup.create(synonymFile, settings.embedding(), cache);
  }
}
