package dev.leeway.config;

import java.util.List;
import java.util.Objects;

/**
 * A situation that always takes the case out of an agent's hands, whatever the play or role says.
 *
 * @param when a condition over facts, in the same language as play conditions
 * @param to who takes the case
 * @param cues words that fire the guardrail in any message, matched to a play or not: each sets the
 *     yes/no fact that {@code when} names (a supervisor extends the list in config)
 * @param urgency how soon {@code to} must take the case
 * @param doNow what the agent does right now, in plain words; null: transfer the case to {@code to}
 */
public record Guardrail(
    String id,
    String when,
    String to,
    String reason,
    List<String> cues,
    Urgency urgency,
    String doNow) {
  public Guardrail {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
    cues = List.copyOf(cues == null ? List.of() : cues);
    urgency = urgency == null ? Urgency.SAME_DAY : urgency;
  }

  /** A guardrail with no cue words of its own, taken the same day. */
  public Guardrail(String id, String when, String to, String reason) {
    this(id, when, to, reason, List.of(), Urgency.SAME_DAY, null);
  }

  /** What the agent does right now: the configured words, or a transfer to the team. */
  public String whatToDoNow() {
    return doNow != null && !doNow.isBlank()
        ? doNow.strip()
        : "Transfer the case to " + to + " and tell the customer who will contact them.";
  }
}
