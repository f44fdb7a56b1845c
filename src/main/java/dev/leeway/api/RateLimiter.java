package dev.leeway.api;

import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per key (a user): {@code burst} at once, then {@code perSecond} sustained. */
final class RateLimiter {

  private final double perSecond;
  private final int burst;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  RateLimiter(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Zero when the request may go ahead; otherwise the whole seconds to wait. */
  long acquire(String key, long nowNanos) {
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
    synchronized (bucket) {
      double elapsed = (nowNanos - bucket.at) / 1e9;
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
      bucket.at = nowNanos;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - bucket.tokens) / perSecond);
    }
  }
}
