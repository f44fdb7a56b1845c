package dev.leeway.decide;

import dev.leeway.playbook.Play;
import java.util.List;

/** The decision for every action of one play, in the play's order. */
public record PlayDecision(Play play, List<Decision> decisions) {
  public PlayDecision {
    decisions = List.copyOf(decisions);
  }
}
