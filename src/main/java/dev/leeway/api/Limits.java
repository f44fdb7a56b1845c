package dev.leeway.api;

import java.time.Duration;

/**
 * What one client may send and how fast.
 *
 * @param maxBodyBytes the largest request body, and the largest WebSocket message
 * @param requestsPerSecond the sustained rate per token
 * @param burst how many requests a token may make at once before the rate applies
 * @param socketIdle how long a WebSocket may stay silent before it is closed
 */
public record Limits(long maxBodyBytes, double requestsPerSecond, int burst, Duration socketIdle) {
  public Limits {
    if (requestsPerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate limit must be positive");
    }
  }
}
