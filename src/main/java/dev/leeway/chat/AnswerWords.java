package dev.leeway.chat;

import dev.leeway.config.Guardrail;
import dev.leeway.config.Urgency;
import dev.leeway.decide.Decision;
import dev.leeway.match.MatchResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an answer that every form of it words the same way (JSON, the terminal, the chat
 * reply): urgent actions first, and a no-match in plain words with the next step.
 */
final class AnswerWords {

  private AnswerWords() {}

  /** The decisions with the urgent (protective) actions first, each group in the play's order. */
  static List<Decision> urgentFirst(List<Decision> decisions) {
    List<Decision> ordered = new ArrayList<>();
    decisions.stream().filter(d -> d.action().comesFirst()).forEach(ordered::add);
    decisions.stream().filter(d -> !d.action().comesFirst()).forEach(ordered::add);
    return ordered;
  }

  /** Why nothing fits, in words an agent acts on: no scores or thresholds. */
  static String noMatchMessage(MatchResult.NoMatch noMatch) {
    List<String> titles =
        noMatch.candidates().stream().map(MatchResult.Candidate::title).limit(2).toList();
    if (titles.isEmpty()) {
      return "No play fits this situation.";
    }
    return "No play fits this situation closely enough to act on. The closest "
        + (titles.size() == 1
            ? "is \"" + titles.get(0) + "\", but it does not fit well."
            : "are \""
                + titles.get(0)
                + "\" and \""
                + titles.get(1)
                + "\", but neither fits well.");
  }

  /**
   * What to do when nothing fits: a fired guardrail's team and what to do now (the most urgent
   * first; an immediate one never waits for a working day), or the general escalation path.
   */
  static String nextStep(Advice advice) {
    List<Guardrail> fired = advice.guardrailsByUrgency();
    if (!fired.isEmpty()) {
      Guardrail first = fired.get(0);
      String now = first.whatToDoNow();
      String transfer =
          first.urgency() == Urgency.IMMEDIATE
              ? " Then hand the case to " + first.to() + " straight away."
              : " The case goes to " + first.to() + ".";
      return now.contains(first.to()) ? now : now + transfer;
    }
    return "Escalate to " + advice.escalation().to() + ": " + advice.escalation().how();
  }
}
