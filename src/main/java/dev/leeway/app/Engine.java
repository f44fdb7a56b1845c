package dev.leeway.app;

import dev.leeway.chat.Advisor;
import dev.leeway.config.ServerConfig;
import dev.leeway.decide.Decider;
import dev.leeway.facts.FactExtractor;
import dev.leeway.json.LoadResult;
import dev.leeway.match.EmbeddingCache;
import dev.leeway.match.MatchSettings;
import dev.leeway.match.Matcher;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything an answer needs, loaded once from the configured content: the validated content,
 * its matcher, decider and fact extractor, wired into an {@link Advisor}. Shared by the server
 * and the {@code ask} command so both answer exactly alike.
 */
public record Engine(Content content, Matcher matcher, Advisor advisor, String timings) implements AutoCloseable {

  /** Loads and checks the content, then builds the matcher (example embeddings cached in the data folder). */
  public static Engine load(ServerConfig config) throws InvalidPackException {
    long start = System.nanoTime();
    Content content =
        switch (ContentLoader.load(config.playbooks(), config.authority(), config.facts())) {
          case LoadResult.Invalid<Content> invalid -> throw new InvalidPackException(invalid.problems());
          case LoadResult.Loaded<Content> loaded -> loaded.value();
        };
    long loaded = System.nanoTime();
    // The fact extractor and the decider do not depend on the matcher: build them alongside it.
    var extractor = java.util.concurrent.CompletableFuture.supplyAsync(FactExtractor::create);
    var decider = java.util.concurrent.CompletableFuture.supplyAsync(() -> Decider.build(content));
    MatchSettings settings = MatchSettings.defaults();
    Path cacheFile = config.dataDir().resolve("cache").resolve("embeddings-" + settings.embedding().id() + ".bin");
    Path synonyms = Files.isRegularFile(config.synonyms()) ? config.synonyms() : null;
    MatchingSetup setup = MatchingSetup.create(synonyms, settings.embedding(), EmbeddingCache.persistent(cacheFile));
    var published = content.playbook().published();
    Matcher matcher = Matcher.build(published, setup.analysis(), setup.embedder(), settings);
    setup.embedder().cache().retainOnly(MatchingSetup.cachedTexts(published));
    setup.close();
    long matched = System.nanoTime();
    Advisor advisor = new Advisor(matcher, decider.join(), extractor.join());
    long done = System.nanoTime();
    String timings =
        String.format(
            java.util.Locale.ROOT,
            "content %d ms, matcher %d ms, then facts and decisions %d ms",
            (loaded - start) / 1_000_000,
            (matched - loaded) / 1_000_000,
            (done - matched) / 1_000_000);
    return new Engine(content, matcher, advisor, timings);
  }

  @Override
  public void close() {
    matcher.close();
  }
}
