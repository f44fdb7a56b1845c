package dev.leeway.chat;

import java.time.Instant;

/**
 * What an agent said about a suggestion: used, helpful, or wrong (and which play was right).
 *
 * @param playId the suggested play it is about, or null for the answer as a whole
 * @param actionId the action it is about, or null
 * @param rightPlayId for "wrong": the play that fitted, or null if none did
 */
public record Feedback(
    Instant at, String user, String answerId, String playId, String actionId, Verdict verdict, String rightPlayId, String note) {

  /** The agent's verdict. */
  public enum Verdict {
    USED,
    HELPFUL,
    WRONG
  }
}
