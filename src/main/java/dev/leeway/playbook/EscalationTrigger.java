package dev.leeway.playbook;

import java.util.Objects;

/** A condition that takes the case out of the agent's hands: to whom it goes and why. */
public record EscalationTrigger(String id, String when, String to, String reason) {
  public EscalationTrigger {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(to, "to");
  }
}
