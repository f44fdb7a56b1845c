package dev.leeway.app;

import dev.leeway.api.ApiVerticle;
import dev.leeway.api.Archive;
import dev.leeway.api.LeewayMetrics;
import dev.leeway.api.Limits;
import dev.leeway.api.Services;
import dev.leeway.api.Workspace;
import dev.leeway.auth.TokenStore;
import dev.leeway.chat.Conversations;
import dev.leeway.chat.Gaps;
import dev.leeway.chat.LiveContent;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.Protection;
import dev.leeway.config.ServerConfig;
import dev.leeway.curate.ContentHistory;
import dev.leeway.curate.ContentRevisions;
import dev.leeway.curate.Drafts;
import dev.leeway.curate.PlayCatalogue;
import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentFiles;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * A running Leeway: the validated content, its engine and the HTTP server. Start-up refuses an
 * invalid pack with the same messages {@code leeway validate} prints.
 */
public final class LeewayServer implements AutoCloseable {

  /** How many recent gaps are kept in memory besides the store (for tests that look inside). */
  private static final int RECENT = 1_000;

  private final Vertx vertx;
  private final ApiVerticle api;
  private final Engine engine;
  private final LiveContent live;
  private final ContentWatcher watcher;
  private final Services services;
  private final Store store;
  private final long storeMillis;

  private LeewayServer(
      Vertx vertx,
      ApiVerticle api,
      Engine engine,
      LiveContent live,
      ContentWatcher watcher,
      Services services,
      Store store,
      long storeMillis) {
    this.storeMillis = storeMillis;
    this.live = live;
    this.watcher = watcher;
    this.vertx = vertx;
    this.api = api;
    this.engine = engine;
    this.services = services;
    this.store = store;
  }

  /**
   * Opens the store named by the environment ({@code LEEWAY_DATABASE_URL}, else the data folder's
   * SQLite file), loads and validates the content, builds the engine, and listens; blocks until
   * ready. TLS, origins, timeouts and fair use come from the {@code LEEWAY_*} environment
   * variables.
   */
  public static LeewayServer start(ServerConfig config) throws InvalidPackException {
    return start(
        config,
        Protection.fromEnvironment(System.getenv()),
        StoreSettings.fromEnvironment(System.getenv(), config.dataDir()));
  }

  /** As {@link #start(ServerConfig)}, with the protection given. */
  public static LeewayServer start(ServerConfig config, Protection protection)
      throws InvalidPackException {
    return start(
        config, protection, StoreSettings.fromEnvironment(System.getenv(), config.dataDir()));
  }

  /** As {@link #start(ServerConfig)}, with the store's settings given. */
  public static LeewayServer start(ServerConfig config, StoreSettings storeSettings)
      throws InvalidPackException {
    return start(config, Protection.fromEnvironment(System.getenv()), storeSettings);
  }

  /** As {@link #start(ServerConfig)}, with the protection and the store's settings given. */
  public static LeewayServer start(
      ServerConfig config, Protection protection, StoreSettings storeSettings)
      throws InvalidPackException {
    // A new installation's folders are checked before anything is created: an invalid pack then
    // leaves no trace, not even an empty store.
    if (storeSettings.databaseUrl().isEmpty()
        && !java.nio.file.Files.exists(storeSettings.file())) {
      Engine.fromFiles(config);
    }
    // Then the store: it holds the content (the folders seed an empty one).
    long storeStart = System.nanoTime();
    Store store = Store.open(storeSettings);
    long storeMillis = (System.nanoTime() - storeStart) / 1_000_000;
    ContentRevisions revisions = new ContentRevisions(store, Clock.systemUTC());
    long[] revision = {0};
    ContentLoader.Memo memo = new ContentLoader.Memo();
    Engine engine;
    TokenStore tokens;
    try {
      engine =
          Engine.load(
              config,
              () -> {
                ContentRevisions.Published published = publishedOrSeeded(config, revisions);
                revision[0] = published.revision();
                return switch (ContentRevisions.load(published, memo)) {
                  case LoadResult.Invalid<Content> invalid ->
                      throw new InvalidPackException(invalid.problems());
                  case LoadResult.Loaded<Content> loaded -> loaded.value();
                };
              });
    } catch (InvalidPackException | RuntimeException e) {
      store.close();
      throw e;
    }
    try {
      tokens = TokenStore.open(store);
      checkRoles(tokens, engine.advisor().content().authority());
    } catch (RuntimeException e) {
      engine.close();
      store.close();
      throw e;
    }
    LiveContent live = new LiveContent(engine.advisor());
    Clock clock = Clock.systemDefaultZone();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    Archive archive = new Archive(store, live::current, clock);
    Gaps gaps = new Gaps(RECENT, archive::gap);
    Conversations conversations =
        new Conversations(config.conversationIdle(), clock, archive::conversation);
    Services services =
        new Services(
            live,
            conversations,
            gaps,
            archive,
            tokens,
            new LeewayMetrics(registry),
            new Limits(
                config.maxBodyBytes(),
                config.requestsPerSecond(),
                config.burst(),
                config.socketIdle(),
                protection.concurrentAnswers(),
                protection
                    .textCharsPerSecond()
                    .orElse(
                        (int)
                            Math.min(
                                Integer.MAX_VALUE,
                                Protection.CHARS_PER_REQUEST
                                    * (long) Math.ceil(config.requestsPerSecond()))),
                protection.anonymousSockets(),
                protection.anonymousBytes()),
            clock,
            workspace(store, revisions, engine.builder()));
    ApiVerticle api = new ApiVerticle(config.host(), config.port(), services, protection);
    try {
      vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      engine.close();
      store.close();
      throw new IllegalStateException(
          "could not listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    // Housekeeping off the event loop: idle conversations go, token changes made by another
    // process (the token command) come in within a second.
    vertx.setPeriodic(60_000, t -> vertx.executeBlocking(conversations::expire, false));
    vertx.setPeriodic(
        1_000,
        t ->
            vertx.executeBlocking(
                () -> {
                  tokens.refresh();
                  return null;
                },
                false));
    // Answers and transcripts past their retention go, hourly and once at start, off the loop.
    vertx.executeBlocking(archive::expire, false);
    vertx.setPeriodic(3_600_000, t -> vertx.executeBlocking(archive::expire, false));
    ContentWatcher watcher =
        new ContentWatcher(revisions, engine.builder(), live, revision[0], memo, System.out)
            .start();
    return new LeewayServer(vertx, api, engine, live, watcher, services, store, storeMillis);
  }

  /** The supervisors' workspace over the store's content; drafts are tried on trial snapshots. */
  private static Workspace workspace(
      Store store, ContentRevisions revisions, ContentBuilder builder) {
    Drafts drafts = new Drafts(store, revisions, Clock.systemUTC());
    ContentHistory history = new ContentHistory(store, revisions);
    return new Workspace(
        drafts,
        new PlayCatalogue(revisions, drafts, history),
        history,
        (content, current) -> {
          ContentBuilder.Built built = builder.trial(content, current);
          return new Workspace.Trial(built.advisor(), built.matcherKept());
        });
  }

  /**
   * The store's published content; on first start with an empty store, the folders' content is
   * validated (with {@code validate}'s messages) and stored as revision 1 first.
   */
  static ContentRevisions.Published publishedOrSeeded(
      ServerConfig config, ContentRevisions revisions) throws InvalidPackException {
    if (revisions.head() == 0) {
      Engine.fromFiles(config);
      revisions.seed(
          ContentFiles.read(config.playbooks(), config.authority(), config.facts()),
          "leeway",
          "the first start's content, from " + config.playbooks() + " and " + config.configDir());
    }
    return revisions.published();
  }

  /**
   * Refuses to start with an active token whose role the authority matrix does not define: its
   * holder would get an error on every question instead of a clear message to the operator now.
   */
  private static void checkRoles(TokenStore tokens, AuthorityMatrix authority) {
    for (TokenStore.Entry entry : tokens.entries()) {
      if (entry.active() && authority.role(entry.role()).isEmpty()) {
        throw new IllegalStateException(
            "the store "
                + tokens.where()
                + " gives user '"
                + entry.user()
                + "' the role '"
                + entry.role()
                + "', which "
                + "the authority matrix does not define (roles: "
                + String.join(", ", authority.roles().keySet())
                + "); give the user a defined role ('leeway token role --user "
                + entry.user()
                + " --role ROLE'), revoke their tokens ('leeway token revoke --user "
                + entry.user()
                + "') or add the role");
      }
    }
  }

  public int port() {
    return api.actualPort();
  }

  /** How long each part of start-up took, for the ready line. */
  public String timings() {
    return engine.timings()
        + ", store "
        + storeMillis
        + " ms ("
        + store.dialect().name().toLowerCase(java.util.Locale.ROOT)
        + ")";
  }

  public int plays() {
    return live.current().matcher().size();
  }

  /** The content revision answers are decided on now. */
  public long contentRevision() {
    return watcher.served();
  }

  /** The server's working parts, for tests and benchmarks that need to look inside. */
  public Services services() {
    return services;
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Shutting down anyway; the store below still commits what is queued.
    }
    watcher.close(); // closes the matchers it replaced
    store.close();
    live.current().matcher().close();
  }
}
