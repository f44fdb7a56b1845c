package dev.leeway.chat;

import dev.leeway.decide.Decision;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reply in a few lines an agent can take in at a glance: what you can do now, then what needs
 * approval or goes elsewhere, then the one question. The cards carry the detail.
 */
final class ReplyMessage {

  private ReplyMessage() {}

  static String answer(Advice advice, Optional<FollowUp> followUp) {
    Advice.Suggestion best = advice.plays().get(0);
    List<String> lines = new ArrayList<>(guardrails(advice));
    lines.add(best.candidate().title() + ".");
    best.decision().play().urgentSteps().forEach(step -> lines.add("First: " + step));
    best.decision().play().replyText().ifPresent(r -> lines.add("Tell the customer: " + r));
    List<Decision> decisions = AnswerWords.urgentFirst(best.decision().decisions());
    List<String> can = new ArrayList<>();
    List<String> approval = new ArrayList<>();
    List<String> escalate = new ArrayList<>();
    List<String> cannot = new ArrayList<>();
    for (Decision d : decisions) {
      switch (d) {
        case Decision.CanDo c ->
            can.add(label(d) + amount(d.amount().or(c::upTo), c.upTo().isPresent(), d.currency()));
        case Decision.CanDoByException e ->
            can.add(
                label(d)
                    + amount(d.amount().or(e::upTo), e.upTo().isPresent(), d.currency())
                    + " (by exception)");
        case Decision.NeedsApproval n ->
            approval.add(
                label(d)
                    + " ("
                    + n.approverLabel().toLowerCase()
                    + n.canDoNow()
                        .map(a -> "; you can do " + money(a, d.currency()) + " now")
                        .orElse("")
                    + ")");
        case Decision.Escalate e -> escalate.add(label(d) + " (to " + e.to() + ")");
        case Decision.CannotDo c -> cannot.add(label(d) + instead(c));
        case Decision.NotApplicable n -> {}
        case Decision.NeedInfo n -> {}
      }
    }
    if (!can.isEmpty()) {
      lines.add("You can: " + String.join("; ", can) + ".");
    }
    if (!approval.isEmpty()) {
      lines.add("Needs approval: " + String.join("; ", approval) + ".");
    }
    if (!escalate.isEmpty()) {
      lines.add("Escalate: " + String.join("; ", escalate) + ".");
    }
    if (!cannot.isEmpty()) {
      lines.add("Not possible: " + String.join("; ", cannot) + ".");
    }
    if (can.isEmpty()
        && approval.isEmpty()
        && escalate.isEmpty()
        && cannot.isEmpty()
        && followUp.isEmpty()
        && best.decision().play().replyText().isEmpty()) {
      lines.add("No action of this play is open to you now.");
    }
    followUp.ifPresent(f -> lines.add("Ask: " + f.question()));
    return String.join("\n", lines);
  }

  /**
   * Nothing fits: said in plain words (the matcher's figures, {@code reason}, stay in the answer
   * for supervisors), then the next step: a fired guardrail's, or the escalation path.
   */
  static String noMatch(Advice advice, String reason) {
    List<String> lines = new ArrayList<>(guardrails(advice));
    lines.add(
        advice.match() instanceof dev.leeway.match.MatchResult.NoMatch n
            ? AnswerWords.noMatchMessage(n)
            : "No play fits this situation.");
    lines.add(AnswerWords.nextStep(advice));
    return String.join("\n", lines);
  }

  /** The fired guardrails' what to do now, the most urgent first. */
  private static List<String> guardrails(Advice advice) {
    List<String> lines = new ArrayList<>();
    for (var g : advice.guardrailsByUrgency()) {
      lines.add(
          (g.urgency() == dev.leeway.config.Urgency.IMMEDIATE ? "Act now: " : "First: ")
              + g.whatToDoNow()
              + " ("
              + g.to()
              + ")");
    }
    return lines;
  }

  /** The agent's words, cut to what fits in a line. */
  static String quote(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 40 ? line : line.substring(0, 39).stripTrailing() + "…";
  }

  /** " (offer instead: ...)" from what the play offers in place of a firm no. */
  private static String instead(Decision.CannotDo c) {
    List<String> offers = new ArrayList<>();
    for (Decision.Instead alternative : c.instead()) {
      offers.add(
          switch (alternative) {
            case Decision.Instead.OtherAction other -> other.label();
            case Decision.Instead.Say say -> "say \"" + say.words() + "\"";
          });
    }
    return offers.isEmpty() ? "" : " (offer instead: " + String.join("; ", offers) + ")";
  }

  private static String label(Decision d) {
    return d.action().label();
  }

  private static String amount(Optional<BigDecimal> amount, boolean upTo, String currency) {
    return amount.map(a -> (upTo ? ", up to " : ", ") + money(a, currency)).orElse("");
  }

  private static String money(BigDecimal amount, String currency) {
    return new dev.leeway.facts.FactValue.Money(amount, currency).display();
  }
}
