package dev.leeway.insights;

import java.util.Optional;

/** The decisions an action can get, as the stored answers name them. */
public enum DecisionKind {
  CAN_DO,
  CAN_DO_BY_EXCEPTION,
  NEEDS_APPROVAL,
  CANNOT_DO,
  ESCALATE,
  NEED_INFO,
  NOT_APPLICABLE;

  /** The kind a stored answer names, or empty for a name this version does not know. */
  public static Optional<DecisionKind> named(String name) {
    for (DecisionKind kind : values()) {
      if (kind.name().equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** Whether the agent may take the action on their own. */
  public boolean alone() {
    return this == CAN_DO || this == CAN_DO_BY_EXCEPTION;
  }

  /** Whether the action goes to someone else: an approver or a team. */
  public boolean upwards() {
    return this == NEEDS_APPROVAL || this == ESCALATE;
  }
}
