package dev.leeway.app;

import dev.leeway.api.HttpVerticle;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.LoadResult;
import dev.leeway.match.EmbeddingCache;
import dev.leeway.match.MatchSettings;
import dev.leeway.match.Matcher;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.Playbook;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A running Leeway: the validated pack, its matcher and the HTTP server. Start-up refuses an
 * invalid pack with the same messages {@code leeway validate} prints.
 */
public final class LeewayServer implements AutoCloseable {
  private final Vertx vertx;
  private final HttpVerticle http;
  private final Matcher matcher;

  private LeewayServer(Vertx vertx, HttpVerticle http, Matcher matcher) {
    this.vertx = vertx;
    this.http = http;
    this.matcher = matcher;
  }

  /** Loads and validates the content, builds the matcher, and listens; blocks until ready. */
  public static LeewayServer start(ServerConfig config) throws InvalidPackException {
    Content content =
        switch (ContentLoader.load(config.playbooks(), config.authority(), config.facts())) {
          case LoadResult.Invalid<Content> invalid -> throw new InvalidPackException(invalid.problems());
          case LoadResult.Loaded<Content> loaded -> loaded.value();
        };
    Playbook pack = content.playbook();
    MatchSettings settings = MatchSettings.defaults();
    Path cacheFile = config.dataDir().resolve("cache").resolve("embeddings-" + settings.embedding().id() + ".bin");
    Path synonyms = Files.isRegularFile(config.synonyms()) ? config.synonyms() : null;
    MatchingSetup setup = MatchingSetup.create(synonyms, settings.embedding(), EmbeddingCache.persistent(cacheFile));
    Matcher matcher = Matcher.build(pack.published(), setup.analysis(), setup.embedder(), settings);
    setup.embedder().cache().retainOnly(MatchingSetup.cachedTexts(pack.published()));
    setup.close();

    Vertx vertx = Vertx.vertx();
    HttpVerticle http = new HttpVerticle(config.host(), config.port(), config.maxBodyBytes(), () -> matcher);
    try {
      vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(
          "could not listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    return new LeewayServer(vertx, http, matcher);
  }

  public int port() {
    return http.actualPort();
  }

  public int plays() {
    return matcher.size();
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Shutting down anyway; nothing left to save.
    }
    matcher.close();
  }
}
