package dev.leeway.playbook;

import java.util.List;
import java.util.Objects;

/**
 * A condition that takes the case out of the agent's hands: to whom it goes and why.
 *
 * @param actions the ids of the actions it escalates; empty means every action of the play
 */
public record EscalationTrigger(
    String id, String when, String to, String reason, List<String> actions) {
  public EscalationTrigger {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(to, "to");
    actions = List.copyOf(actions == null ? List.of() : actions);
  }

  /** A trigger over every action of its play. */
  public EscalationTrigger(String id, String when, String to, String reason) {
    this(id, when, to, reason, List.of());
  }

  /** Whether the trigger takes this action out of the agent's hands when it fires. */
  public boolean covers(String actionId) {
    return actions.isEmpty() || actions.contains(actionId);
  }
}
