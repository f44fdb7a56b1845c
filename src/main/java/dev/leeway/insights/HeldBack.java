package dev.leeway.insights;

import java.util.Optional;

/** Which check of the authority matrix held an action back, as its trace names it. */
public enum HeldBack {
  /** The role's per-action cap ({@code max_amount}). */
  LIMIT("limit"),
  /** The role's per-customer budget. */
  CUSTOMER_BUDGET("customer budget"),
  /** The role's per-agent budget. */
  AGENT_BUDGET("agent budget");

  private final String subject;

  HeldBack(String subject) {
    this.subject = subject;
  }

  /** The trace's name for the check, also the figure's label. */
  public String subject() {
    return subject;
  }

  static Optional<HeldBack> bySubject(String subject) {
    for (HeldBack h : values()) {
      if (h.subject.equals(subject)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }
}
