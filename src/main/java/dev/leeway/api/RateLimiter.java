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

  double perSecond() {
    return perSecond;
  }

  /** Zero when the request may go ahead; otherwise the whole seconds to wait. */
  long acquire(String key, long nowNanos) {
    return acquire(key, 1, nowNanos);
  }

  /**
   * Zero when {@code cost} tokens may be taken now (and takes them); otherwise the whole seconds
   * until they could be. A cost above the burst is charged as the burst, so it can always pass.
   */
  long acquire(String key, int cost, long nowNanos) {
    double need = Math.min(Math.max(1, cost), burst);
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
    synchronized (bucket) {
      double elapsed = (nowNanos - bucket.at) / 1e9;
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
      bucket.at = nowNanos;
      if (bucket.tokens >= need) {
        bucket.tokens -= need;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((need - bucket.tokens) / perSecond));
    }
  }
}
