package dev.leeway.app;

import dev.leeway.api.ApiVerticle;
import dev.leeway.api.Archive;
import dev.leeway.api.LeewayMetrics;
import dev.leeway.api.Limits;
import dev.leeway.api.Services;
import dev.leeway.auth.TokenStore;
import dev.leeway.chat.Conversations;
import dev.leeway.chat.Dialogue;
import dev.leeway.chat.Gaps;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.Protection;
import dev.leeway.config.ServerConfig;
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
  private final Services services;
  private final Store store;
  private final long storeMillis;

  private LeewayServer(
      Vertx vertx,
      ApiVerticle api,
      Engine engine,
      Services services,
      Store store,
      long storeMillis) {
    this.storeMillis = storeMillis;
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
    // The content first: an invalid pack leaves no trace, not even an empty store.
    Engine engine = Engine.load(config);
    TokenStore tokens;
    Store store;
    long storeStart = System.nanoTime();
    try {
      store = Store.open(storeSettings);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    try {
      tokens = TokenStore.open(store);
      checkRoles(tokens, engine.advisor().content().authority());
    } catch (RuntimeException e) {
      store.close();
      engine.close();
      throw e;
    }
    long storeMillis = (System.nanoTime() - storeStart) / 1_000_000;
    Clock clock = Clock.systemDefaultZone();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    Archive archive = new Archive(store, engine::advisor, clock);
    Gaps gaps = new Gaps(RECENT, archive::gap);
    Conversations conversations =
        new Conversations(config.conversationIdle(), clock, archive::conversation);
    Services services =
        new Services(
            engine.matcher(),
            engine.advisor(),
            new Dialogue(engine.advisor(), gaps, clock),
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
            clock);
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
    return new LeewayServer(vertx, api, engine, services, store, storeMillis);
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
    return engine.matcher().size();
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
    store.close();
    engine.close();
  }
}
