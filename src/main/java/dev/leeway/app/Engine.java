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
public record Engine(Content content, Matcher matcher, Advisor advisor) implements AutoCloseable {

  /** Loads and checks the content, then builds the matcher (example embeddings cached in the data folder). */
  public static Engine load(ServerConfig config) throws InvalidPackException {
    Content content =
        switch (ContentLoader.load(config.playbooks(), config.authority(), config.facts())) {
          case LoadResult.Invalid<Content> invalid -> throw new InvalidPackException(invalid.problems());
          case LoadResult.Loaded<Content> loaded -> loaded.value();
        };
    MatchSettings settings = MatchSettings.defaults();
    Path cacheFile = config.dataDir().resolve("cache").resolve("embeddings-" + settings.embedding().id() + ".bin");
    Path synonyms = Files.isRegularFile(config.synonyms()) ? config.synonyms() : null;
    MatchingSetup setup = MatchingSetup.create(synonyms, settings.embedding(), EmbeddingCache.persistent(cacheFile));
    var published = content.playbook().published();
    Matcher matcher = Matcher.build(published, setup.analysis(), setup.embedder(), settings);
    setup.embedder().cache().retainOnly(MatchingSetup.cachedTexts(published));
    setup.close();
    Advisor advisor = new Advisor(matcher, Decider.build(content), FactExtractor.create());
    return new Engine(content, matcher, advisor);
  }

  @Override
  public void close() {
    matcher.close();
  }
}
