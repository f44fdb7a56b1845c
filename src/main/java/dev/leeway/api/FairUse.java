package dev.leeway.api;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Fair use per token, by cost rather than by count: how many answers a token may have in progress
 * at once, and how many characters of text per second it may have answered (a token bucket), so one
 * client sending long texts as fast as its request rate allows cannot starve the others.
 */
final class FairUse {

  private final int concurrent;
  private final RateLimiter characters;
  private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final LeewayMetrics metrics;

  FairUse(Limits limits, LeewayMetrics metrics) {
    this.metrics = metrics;
    this.concurrent = limits.concurrentAnswers();
    this.characters = new RateLimiter(limits.textCharsPerSecond(), limits.textBurst());
  }

  /**
   * Runs {@code answer} if {@code user} is within both limits, counting it as in progress until it
   * completes; otherwise a failed future with a 429 that says which limit and when to retry.
   */
  <T> Future<T> answer(String user, int textChars, Supplier<Future<T>> answer) {
    AtomicInteger running = inFlight.computeIfAbsent(user, k -> new AtomicInteger());
    if (running.incrementAndGet() > concurrent) {
      running.decrementAndGet();
      metrics.refused(429);
      return Future.failedFuture(
          new ApiException(
                  429,
                  "Too many requests",
                  "this token already has "
                      + concurrent
                      + " answers in progress; wait for one to finish")
              .retryAfter(1));
    }
    long wait = characters.acquire(user, textChars, System.nanoTime());
    if (wait > 0) {
      running.decrementAndGet();
      metrics.refused(429);
      return Future.failedFuture(
          new ApiException(
                  429,
                  "Too many requests",
                  "over this token's text budget of "
                      + (long) characters.perSecond()
                      + " characters per second; retry after "
                      + wait
                      + " s")
              .retryAfter(wait));
    }
    Future<T> result;
    try {
      result = answer.get();
    } catch (RuntimeException e) {
      running.decrementAndGet();
      throw e;
    }
    return result.andThen(done -> running.decrementAndGet());
  }
}
