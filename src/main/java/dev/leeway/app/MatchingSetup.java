package dev.leeway.app;

import dev.leeway.match.EmbeddingCache;
import dev.leeway.match.SentenceEmbedder;
import dev.leeway.text.EnglishAnalyzer;
import java.nio.file.Path;

/** The models matching needs, loaded once per process: English analysis and the embedder. */
record MatchingSetup(EnglishAnalyzer analysis, SentenceEmbedder embedder) implements AutoCloseable {

  static MatchingSetup create(Path synonyms, SentenceEmbedder.Model model, EmbeddingCache cache) {
    EnglishAnalyzer analysis = synonyms == null ? EnglishAnalyzer.plain() : EnglishAnalyzer.withSynonyms(synonyms);
    SentenceEmbedder embedder = model == null ? null : new SentenceEmbedder(model, cache);
    return new MatchingSetup(analysis, embedder);
  }

  /** The texts the matcher embeds for a pack, which are exactly the ones worth caching. */
  static java.util.List<String> cachedTexts(java.util.List<dev.leeway.playbook.Play> plays) {
    return plays.stream().flatMap(p -> dev.leeway.match.Matcher.trainingTexts(p).stream()).toList();
  }

  @Override
  public void close() {
    if (embedder != null) {
      embedder.cache().save();
    }
  }
}
