package dev.leeway.decide;

import dev.leeway.playbook.Play;
import java.util.List;
import java.util.Optional;

/**
 * The decision for every action of one play, in the play's order, and the one question worth asking
 * about it (empty when every action is decided).
 */
public record PlayDecision(Play play, List<Decision> decisions, Optional<PlayQuestion> question) {
  public PlayDecision {
    decisions = List.copyOf(decisions);
    question = question == null ? Optional.empty() : question;
  }

  /** Decisions with no question worked out for them. */
  public PlayDecision(Play play, List<Decision> decisions) {
    this(play, decisions, Optional.empty());
  }
}
