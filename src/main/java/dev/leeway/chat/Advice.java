package dev.leeway.chat;

import dev.leeway.config.EscalationPath;
import dev.leeway.decide.PlayDecision;
import dev.leeway.facts.FactSet;
import dev.leeway.match.MatchResult;
import java.util.List;

/**
 * Leeway's answer to a question: the plays that fit with what this agent may do for each, the facts
 * it used, or a plain "nothing fits" with the escalation path.
 *
 * @param plays decisions for the suggested plays, best first (empty when nothing fits)
 * @param facts everything known, from text and context, before fitting to any one play
 * @param escalation where the case goes when nothing fits
 */
public record Advice(
    Question question,
    MatchResult match,
    List<Suggestion> plays,
    FactSet facts,
    String contentVersion,
    EscalationPath escalation) {

  public Advice {
    plays = List.copyOf(plays);
  }

  /** One suggested play: how well it fits and what the agent may do about it. */
  public record Suggestion(MatchResult.Candidate candidate, PlayDecision decision) {}

  /** No play to suggest: none fits, or the text is too vague to choose ({@link #outcome()}). */
  public boolean nothingFits() {
    return plays.isEmpty();
  }

  /** "matched", "vague" (the text fits too many plays to choose) or "no_match". */
  public String outcome() {
    if (!plays.isEmpty()) {
      return "matched";
    }
    return match instanceof MatchResult.Vague ? "vague" : "no_match";
  }
}
