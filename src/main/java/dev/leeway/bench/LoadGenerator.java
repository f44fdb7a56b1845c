package dev.leeway.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load generator: a Vert.x instance with one non-blocking event loop where every simulated
 * client lives, so it takes little of the cores it shares with the server.
 *
 * @param threadId the event loop's thread, whose CPU is counted apart from the server's
 */
record LoadGenerator(Vertx vertx, Context loop, long threadId) implements AutoCloseable {

  static LoadGenerator start() throws InterruptedException, TimeoutException {
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setEventLoopPoolSize(1)
                    .setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1))
            .build();
    Context loop = vertx.getOrCreateContext();
    CompletableFuture<Long> thread = new CompletableFuture<>();
    loop.runOnContext(v -> thread.complete(Thread.currentThread().threadId()));
    try {
      return new LoadGenerator(vertx, loop, thread.get(10, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the load generator did not start: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
