package dev.leeway.bench;

import io.vertx.core.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The benchmark's time limit: every wait checks it, and a watchdog interrupts the benchmark's
 * thread when it passes, so a run stops by itself whatever the server does.
 */
final class Deadline implements AutoCloseable {

  final long at;
  private final Thread watchdog;
  private boolean done;

  private Deadline(Thread main, long at) {
    this.at = at;
    watchdog =
        Thread.ofPlatform()
            .daemon()
            .name("leeway-bench-watchdog")
            .start(
                () -> {
                  try {
                    long left = at - System.nanoTime();
                    if (left > 0) {
                      TimeUnit.NANOSECONDS.sleep(left);
                    }
                    synchronized (this) {
                      if (!done) {
                        main.interrupt();
                      }
                    }
                  } catch (InterruptedException e) {
                    // stood down: the benchmark finished in time
                  }
                });
  }

  /** A limit {@code seconds} from now, watched on behalf of the calling thread. */
  static Deadline in(double seconds) {
    return new Deadline(Thread.currentThread(), System.nanoTime() + (long) (seconds * 1e9));
  }

  /**
   * After this the benchmark's thread is never interrupted, and any earlier interrupt is cleared so
   * clean-up can run.
   */
  @Override
  public void close() {
    synchronized (this) {
      done = true;
    }
    watchdog.interrupt();
    Thread.interrupted();
  }

  void check(String what) throws TimeoutException {
    if (System.nanoTime() - at >= 0 || Thread.currentThread().isInterrupted()) {
      throw new TimeoutException("during " + what);
    }
  }

  void sleepUntil(long when, String what) throws InterruptedException, TimeoutException {
    long left;
    while ((left = when - System.nanoTime()) > 0) {
      check(what);
      TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
    }
  }

  <T> void await(CompletableFuture<T> future, String what)
      throws InterruptedException, TimeoutException {
    await(future, at, what);
  }

  /**
   * Waits for {@code future} until {@code until} (nanoTime), which should not be after the
   * deadline.
   */
  static <T> void await(CompletableFuture<T> future, long until, String what)
      throws InterruptedException, TimeoutException {
    try {
      future.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new TimeoutException("during " + what);
    }
  }

  /**
   * Runs {@code body} on the client's event loop (where the load's state lives) and returns its
   * value.
   */
  <T> T onLoop(Context loop, Supplier<T> body) throws InterruptedException, TimeoutException {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.runOnContext(
        v -> {
          try {
            result.complete(body.get());
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.get(Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("load generator failed: " + e.getCause(), e.getCause());
    }
  }
}
