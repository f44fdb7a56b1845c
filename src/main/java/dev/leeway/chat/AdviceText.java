package dev.leeway.chat;

import dev.leeway.config.Guardrail;
import dev.leeway.config.Urgency;
import dev.leeway.decide.Decision;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSource;
import dev.leeway.match.MatchResult;
import java.util.List;
import java.util.Locale;

/**
 * The answer as a person reads it in a terminal: what you can do now first, then what needs
 * approval or goes elsewhere, then what to ask, each with its reason and policy.
 */
public final class AdviceText {

  private AdviceText() {}

  public static String of(Advice advice) {
    StringBuilder out = new StringBuilder();
    guardrails(out, advice);
    if (advice.match() instanceof MatchResult.Vague vague && advice.nothingFits()) {
      out.append("Too vague to choose a play: ").append(vague.reason()).append('\n');
      out.append("Likeliest:\n");
      for (MatchResult.Candidate c : vague.candidates()) {
        out.append("  ").append(c.title()).append("  (").append(c.playId()).append(")\n");
      }
      facts(out, advice.facts().all());
      return out.toString();
    }
    if (advice.nothingFits()) {
      out.append(
              advice.match() instanceof MatchResult.NoMatch n
                  ? AnswerWords.noMatchMessage(n)
                  : "No play fits this situation.")
          .append('\n');
      out.append("Next step: ").append(AnswerWords.nextStep(advice)).append('\n');
      facts(out, advice.facts().all());
      return out.toString();
    }
    for (Advice.Suggestion suggestion : advice.plays()) {
      MatchResult.Candidate c = suggestion.candidate();
      out.append(
          String.format(
              Locale.ROOT,
              "%s  (%s v%d, %.0f%% fit)%n",
              c.title(),
              c.playId(),
              c.playVersion(),
              c.confidence() * 100));
      if (c.signals().nearestExample() != null) {
        out.append("  closest example: \"").append(c.signals().nearestExample()).append("\"\n");
      }
      List<Decision> decisions = suggestion.decision().decisions();
      List<Decision> urgent = decisions.stream().filter(d -> d.action().comesFirst()).toList();
      List<String> urgentSteps = suggestion.decision().play().urgentSteps();
      if (!urgent.isEmpty() || !urgentSteps.isEmpty()) {
        out.append("  Do first (urgent):\n");
        urgentSteps.forEach(step -> out.append("    ! ").append(step).append('\n'));
        lines(out, urgent);
      }
      suggestion
          .decision()
          .play()
          .replyText()
          .ifPresent(r -> out.append("  Tell the customer: ").append(r).append('\n'));
      List<Decision> rest = decisions.stream().filter(d -> !d.action().comesFirst()).toList();
      section(out, "You can do now", rest, Decision.CanDo.class, Decision.CanDoByException.class);
      section(out, "Needs approval", rest, Decision.NeedsApproval.class);
      section(out, "Escalate", rest, Decision.Escalate.class);
      section(out, "Not possible", rest, Decision.CannotDo.class);
      section(out, "Waiting for an answer", rest, Decision.NeedInfo.class);
      section(out, "Does not apply here", rest, Decision.NotApplicable.class);
      suggestion
          .decision()
          .question()
          .ifPresent(
              q -> {
                List<String> settles =
                    decisions.stream()
                        .filter(d -> q.settles().contains(d.action().id()))
                        .map(d -> d.action().label())
                        .toList();
                out.append("  Ask: ").append(q.text()).append('\n');
                if (!settles.isEmpty()) {
                  out.append("    settles: ").append(String.join("; ", settles)).append('\n');
                }
              });
      out.append('\n');
    }
    facts(out, advice.facts().all());
    out.append("content ")
        .append(advice.contentVersion())
        .append(", role ")
        .append(advice.question().role())
        .append('\n');
    return out.toString();
  }

  /** Fired guardrails, the most urgent first: what to do now comes before anything else. */
  private static void guardrails(StringBuilder out, Advice advice) {
    for (Guardrail g : advice.guardrailsByUrgency()) {
      out.append(g.urgency() == Urgency.IMMEDIATE ? "URGENT, act now: " : "Guardrail (")
          .append(
              g.urgency() == Urgency.IMMEDIATE
                  ? ""
                  : g.urgency().written().replace('_', ' ') + "): ")
          .append(g.whatToDoNow())
          .append('\n');
      out.append("  goes to ").append(g.to()).append(": ").append(g.reason()).append('\n');
    }
    if (!advice.guardrails().isEmpty()) {
      out.append('\n');
    }
  }

  @SafeVarargs
  private static void section(
      StringBuilder out,
      String heading,
      List<Decision> decisions,
      Class<? extends Decision>... kinds) {
    List<Decision> matching =
        decisions.stream()
            .filter(d -> List.of(kinds).stream().anyMatch(k -> k.isInstance(d)))
            .toList();
    if (matching.isEmpty()) {
      return;
    }
    out.append("  ").append(heading).append(":\n");
    lines(out, matching);
  }

  private static void lines(StringBuilder out, List<Decision> decisions) {
    for (Decision d : decisions) {
      out.append("    - ").append(d.action().label()).append(" [").append(d.kind()).append("]\n");
      out.append("      ").append(d.reason()).append('\n');
      if (d instanceof Decision.CannotDo no) {
        for (Decision.Instead alternative : no.instead()) {
          out.append("      instead: ")
              .append(
                  switch (alternative) {
                    case Decision.Instead.OtherAction other -> other.label();
                    case Decision.Instead.Say say -> "say \"" + say.words() + "\"";
                  })
              .append('\n');
        }
      }
      if (d.policy() != null && !d.policy().isBlank()) {
        out.append("      policy: ").append(d.policy()).append('\n');
      }
    }
  }

  private static void facts(StringBuilder out, List<Fact> facts) {
    if (facts.isEmpty()) {
      out.append("Facts: none read from the text or sent as context\n");
      return;
    }
    out.append("Facts:\n");
    for (Fact fact : facts) {
      out.append("  ")
          .append(fact.name())
          .append(" = ")
          .append(fact.value().display())
          .append("  (");
      switch (fact.source()) {
        case FactSource.Text t -> out.append("from \"").append(t.span()).append('"');
        case FactSource.Context c -> out.append("context");
        case FactSource.Assumed a -> out.append("assumed");
        case FactSource.Derived d -> out.append("from ").append(String.join(", ", d.from()));
      }
      if (fact.confidence() < 1) {
        out.append(String.format(Locale.ROOT, ", confidence %.2f", fact.confidence()));
      }
      out.append(")\n");
    }
  }
}
