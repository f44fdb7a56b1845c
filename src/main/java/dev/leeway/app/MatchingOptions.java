package dev.leeway.app;

import dev.leeway.match.EmbeddingCache;
import dev.leeway.match.MatchSettings;
import dev.leeway.match.SentenceEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Matching options shared by the commands that build a matcher; unset ones keep the defaults. */
final class MatchingOptions {
  @Option(names = "--embedding", paramLabel = "MODEL", description = "all-minilm-l6-v2-q (default), bge-small-en-v1.5-q, or none")
  String embedding;

  @Option(names = "--synonyms", paramLabel = "FILE", description = "synonym list (default: config/synonyms.txt if present)")
  Path synonyms = Path.of("config", "synonyms.txt");

  @Option(names = "--no-synonyms", description = "analyse without synonyms")
  boolean noSynonyms;

  @Option(names = "--embedding-cache", paramLabel = "FILE", description = "persist example embeddings here (default: in memory)")
  Path cacheFile;

  @Option(names = "--lexical-weight", hidden = true) Double lexicalWeight;
  @Option(names = "--svm-cost", hidden = true) Double svmCost;
  @Option(names = "--temperature", hidden = true) Double temperature;
  @Option(names = "--none-margin", hidden = true) Double noneMargin;
  @Option(names = "--bm25-weight", hidden = true) Double bm25Weight;
  @Option(names = "--similarity-floor", hidden = true) Double similarityFloor;
  @Option(names = "--abstain-below", paramLabel = "P", description = "confidence under which no play fits") Double abstainBelow;
  @Option(names = "--classifier-max-plays", hidden = true) Integer classifierMaxPlays;

  MatchSettings settings() {
    MatchSettings s = MatchSettings.defaults();
    if (embedding != null) {
      s = s.withEmbedding(embedding.equals("none") ? null : SentenceEmbedder.Model.byId(embedding));
    }
    if (lexicalWeight != null) s = s.withLexicalWeight(lexicalWeight);
    if (svmCost != null) s = s.withSvmCost(svmCost);
    if (temperature != null) s = s.withTemperature(temperature);
    if (noneMargin != null) s = s.withNoneMargin(noneMargin);
    if (bm25Weight != null) s = s.withBm25Weight(bm25Weight);
    if (similarityFloor != null) s = s.withSimilarityFloor(similarityFloor);
    if (abstainBelow != null) s = s.withAbstainBelow(abstainBelow);
    if (classifierMaxPlays != null) s = s.withClassifierMaxPlays(classifierMaxPlays);
    return s;
  }

  MatchingSetup setup(MatchSettings settings) {
    Path synonymFile = noSynonyms || !Files.isRegularFile(synonyms) ? null : synonyms;
    EmbeddingCache cache = cacheFile == null ? EmbeddingCache.inMemory() : EmbeddingCache.persistent(cacheFile);
    return MatchingSetup.create(synonymFile, settings.embedding(), cache);
  }
}
