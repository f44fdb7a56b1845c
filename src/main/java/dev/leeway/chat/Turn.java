package dev.leeway.chat;

import java.time.Instant;
import java.util.Map;

/**
 * One exchange in a conversation: what the agent sent and what Leeway replied.
 *
 * @param caseNumber the case (1-based, within the conversation) the turn belongs to
 * @param caseStarted whether this message opened that case
 */
public record Turn(
    int number,
    Instant at,
    String text,
    Map<String, Object> context,
    Reply reply,
    int caseNumber,
    boolean caseStarted) {
  public Turn {
    context = Map.copyOf(context);
    if (caseNumber < 1) {
      throw new IllegalArgumentException("case numbers start at 1, was " + caseNumber);
    }
  }
}
