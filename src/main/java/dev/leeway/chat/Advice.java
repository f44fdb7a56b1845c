package dev.leeway.chat;

import dev.leeway.config.EscalationPath;
import dev.leeway.config.Guardrail;
import dev.leeway.config.Urgency;
import dev.leeway.decide.Decision;
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
 * @param escalation where the case goes when nothing fits (a fired guardrail's team and what to do
 *     now, when one fired)
 * @param guardrails the guardrails that fire on the facts, matched or not, in the config's order
 */
public record Advice(
    Question question,
    MatchResult match,
    List<Suggestion> plays,
    FactSet facts,
    String contentVersion,
    EscalationPath escalation,
    List<Guardrail> guardrails) {

  public Advice {
    plays = List.copyOf(plays);
    guardrails = List.copyOf(guardrails == null ? List.of() : guardrails);
  }

  /** An answer on which no guardrail fired. */
  public Advice(
      Question question,
      MatchResult match,
      List<Suggestion> plays,
      FactSet facts,
      String contentVersion,
      EscalationPath escalation) {
    this(question, match, plays, facts, contentVersion, escalation, List.of());
  }

  /** The fired guardrails, the most urgent first (the config's order among equals). */
  public List<Guardrail> guardrailsByUrgency() {
    return guardrails.stream().sorted(java.util.Comparator.comparing(Guardrail::urgency)).toList();
  }

  /** Whether a guardrail that must be acted on at once fired. */
  public boolean immediate() {
    return guardrails.stream().anyMatch(g -> g.urgency() == Urgency.IMMEDIATE);
  }

  /**
   * One suggested play: how well it fits and what the agent may do about it.
   *
   * @param why per action id, short plain sentences explaining its verdict
   */
  public record Suggestion(
      MatchResult.Candidate candidate,
      PlayDecision decision,
      java.util.Map<String, List<String>> why) {
    public Suggestion {
      why = java.util.Map.copyOf(why == null ? java.util.Map.of() : why);
    }

    /** A suggestion with no explanations worked out. */
    public Suggestion(MatchResult.Candidate candidate, PlayDecision decision) {
      this(candidate, decision, java.util.Map.of());
    }

    /** The sentences explaining one action's verdict (empty when none were worked out). */
    public List<String> why(Decision decision) {
      return why.getOrDefault(decision.action().id(), List.of());
    }
  }

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
