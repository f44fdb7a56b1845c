package dev.leeway.app;

import dev.leeway.match.SentenceEmbedder;
import dev.leeway.match.TextCache;
import dev.leeway.text.EnglishAnalyzer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** The models matching needs, loaded once per process: English analysis and the embedder. */
public record MatchingSetup(EnglishAnalyzer analysis, SentenceEmbedder embedder)
    implements AutoCloseable {

  /** Loads both models, each on its own thread: together they are a second of start-up. */
  static MatchingSetup create(
      Path synonyms, SentenceEmbedder.Model model, TextCache<float[]> cache) {
    CompletableFuture<SentenceEmbedder> embedder =
        model == null
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.supplyAsync(() -> new SentenceEmbedder(model, cache));
    EnglishAnalyzer analysis =
        synonyms == null ? EnglishAnalyzer.plain() : EnglishAnalyzer.withSynonyms(synonyms);
    return new MatchingSetup(analysis, Engine.await(embedder));
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
