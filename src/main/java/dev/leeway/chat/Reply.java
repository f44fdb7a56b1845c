package dev.leeway.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * Leeway's side of one turn: the structured advice, the one question it asks (if any), and a short
 * message that leads with what the agent can do now.
 */
public record Reply(Kind kind, Advice advice, Optional<FollowUp> followUp, String message) {

  /** What sort of reply this is. */
  public enum Kind {
    /** Plays fit: here is what you may do. */
    ANSWER,
    /** Two plays fit about equally: which is it? */
    CLARIFY,
    /** Nothing fits: the general escalation path, and the situation is recorded as a gap. */
    NO_MATCH,
    /** The message only opened a new case ("next one"): nothing to answer yet. */
    NEW_CASE
  }

  public Reply {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(advice, "advice");
    Objects.requireNonNull(followUp, "followUp");
    Objects.requireNonNull(message, "message");
  }
}
