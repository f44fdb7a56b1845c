package dev.leeway.api;

import java.time.Duration;

/**
 * What one client may send and how fast.
 *
 * @param maxBodyBytes the largest request body, and the largest WebSocket message
 * @param requestsPerSecond the sustained rate per token
 * @param burst how many requests a token may make at once before the rate applies
 * @param socketIdle how long a WebSocket may stay silent before it is closed
 * @param concurrentAnswers how many answers one token may have in progress at once
 * @param textCharsPerSecond the sustained characters of text per second one token may have answered
 * @param anonymousSockets how many WebSockets may be open at once before they sign in
 * @param anonymousBytes how many bytes a WebSocket may send before it signs in
 */
public record Limits(
    long maxBodyBytes,
    double requestsPerSecond,
    int burst,
    Duration socketIdle,
    int concurrentAnswers,
    int textCharsPerSecond,
    int anonymousSockets,
    long anonymousBytes) {
  public Limits {
    if (requestsPerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate limit must be positive");
    }
    if (concurrentAnswers < 1
        || textCharsPerSecond < 1
        || anonymousSockets < 1
        || anonymousBytes < 1) {
      throw new IllegalArgumentException("fair-use and sign-in limits must be positive");
    }
  }

  /** The largest WebSocket message; a bigger one closes the socket with 1009. */
  public int maxSocketMessageBytes() {
    return (int) Math.min(Integer.MAX_VALUE, maxBodyBytes * 4);
  }

  /**
   * How many characters of text a token may send at once: two of the longest texts, or two seconds'
   * worth, whichever is more, so one long text never waits on an idle token.
   */
  public int textBurst() {
    return (int)
        Math.min(
            Integer.MAX_VALUE, Math.max(2L * MatchHandler.MAX_TEXT_CHARS, 2L * textCharsPerSecond));
  }
}
