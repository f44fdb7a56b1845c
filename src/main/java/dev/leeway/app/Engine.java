package dev.leeway.app;

import dev.leeway.chat.Advisor;
import dev.leeway.config.ServerConfig;
import dev.leeway.decide.Decider;
import dev.leeway.facts.FactExtractor;
import dev.leeway.json.LoadResult;
import dev.leeway.match.MatchSettings;
import dev.leeway.match.Matcher;
import dev.leeway.match.OffTopicTexts;
import dev.leeway.match.TextCache;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything an answer needs, loaded once from the configured content: the validated content, its
 * matcher, decider and fact extractor, wired into an {@link Advisor}. Shared by the server and the
 * {@code ask} command so both answer exactly alike.
 */
public record Engine(
    Content content, Matcher matcher, Advisor advisor, String timings, ContentBuilder builder)
    implements AutoCloseable {

  /** Where the content comes from: the folders, or the store. */
  @FunctionalInterface
  public interface ContentSource {
    Content load() throws InvalidPackException;
  }

  /** The content in the configured folders ({@code playbooks/}, {@code config/}). */
  public static Content fromFiles(ServerConfig config) throws InvalidPackException {
    return switch (ContentLoader.load(config.playbooks(), config.authority(), config.facts())) {
      case LoadResult.Invalid<Content> invalid ->
          throw new InvalidPackException(invalid.problems());
      case LoadResult.Loaded<Content> loaded -> loaded.value();
    };
  }

  /**
   * Loads the content from the configured folders; see {@link #load(ServerConfig, ContentSource)}.
   */
  public static Engine load(ServerConfig config) throws InvalidPackException {
    return load(config, () -> fromFiles(config));
  }

  /**
   * Loads and checks the content, then builds the matcher (example embeddings and analysed terms
   * cached in the data folder). The models load while the content is read and checked: neither
   * needs the other, and together they are most of a start-up.
   */
  public static Engine load(ServerConfig config, ContentSource source) throws InvalidPackException {
    long start = System.nanoTime();
    MatchSettings settings = MatchSettings.defaults();
    Path cacheFile =
        config
            .dataDir()
            .resolve("cache")
            .resolve("embeddings-" + settings.embedding().id() + ".bin");
    Path synonyms = Files.isRegularFile(config.synonyms()) ? config.synonyms() : null;
    CompletableFuture<MatchingSetup> models =
        CompletableFuture.supplyAsync(
            () ->
                MatchingSetup.create(
                    synonyms, settings.embedding(), TextCache.embeddings(cacheFile)));
    // The extractor reads the OpenNLP models analysis has just loaded and cached by name.
    CompletableFuture<FactExtractor> extractor =
        models.thenApplyAsync(loaded -> FactExtractor.create());
    Content content;
    try {
      content = source.load();
    } catch (InvalidPackException | RuntimeException e) {
      models.thenAccept(MatchingSetup::close);
      throw e;
    }
    long loaded = System.nanoTime();
    CompletableFuture<Decider> decider =
        CompletableFuture.supplyAsync(() -> Decider.build(content));
    MatchingSetup setup = await(models);
    long modelsReady = System.nanoTime();
    List<String> offTopic = OffTopicTexts.read(config.offTopic());
    ContentBuilder builder = new ContentBuilder(setup, await(extractor), settings, offTopic);
    Matcher matcher = builder.matcher(content);
    long matched = System.nanoTime();
    Advisor advisor = new Advisor(matcher, await(decider), await(extractor));
    long done = System.nanoTime();
    String timings =
        String.format(
            java.util.Locale.ROOT,
            "content %d ms, then models %d ms more, matcher %d ms, facts and decisions %d ms",
            (loaded - start) / 1_000_000,
            Math.max(0, modelsReady - loaded) / 1_000_000,
            (matched - modelsReady) / 1_000_000,
            (done - matched) / 1_000_000);
    return new Engine(content, matcher, advisor, timings, builder);
  }

  /** The result of work started alongside, with its own exception rather than a wrapper. */
  static <T> T await(CompletableFuture<T> work) {
    try {
      return work.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  @Override
  public void close() {
    matcher.close();
  }
}
