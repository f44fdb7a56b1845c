package dev.leeway.decide;

import dev.leeway.playbook.Action;
import java.math.BigDecimal;
import java.util.Optional;

/** What this agent may do about one action of a play, right now, and why. */
public sealed interface Decision {

  Action action();

  /** The amount the decision is about, when the action moves money and the amount is known. */
  Optional<BigDecimal> amount();

  /** The decision in a sentence or two an agent can act on. */
  String reason();

  /** The policy the decision rests on, as cited to the agent. */
  String policy();

  Trace trace();

  /**
   * The currency of {@link #amount}: that of the action's money fact when known, else the pack's.
   */
  default String currency() {
    String fact = action().amountFact().orElse(null);
    for (var f : trace().facts()) {
      if (f.name().equals(fact) && f.value() instanceof dev.leeway.facts.FactValue.Money money) {
        return money.currency();
      }
    }
    return trace().currency();
  }

  /**
   * The kind as written in answers: CAN_DO, CAN_DO_BY_EXCEPTION, NEEDS_APPROVAL, CANNOT_DO,
   * NOT_APPLICABLE, ESCALATE, NEED_INFO.
   */
  default String kind() {
    return switch (this) {
      case CanDo c -> "CAN_DO";
      case CanDoByException c -> "CAN_DO_BY_EXCEPTION";
      case NeedsApproval c -> "NEEDS_APPROVAL";
      case CannotDo c -> "CANNOT_DO";
      case NotApplicable c -> "NOT_APPLICABLE";
      case Escalate c -> "ESCALATE";
      case NeedInfo c -> "NEED_INFO";
    };
  }

  /** Every kind, in the order an agent reads them: what they can do first. */
  java.util.List<String> KINDS =
      java.util.List.of(
          "CAN_DO",
          "CAN_DO_BY_EXCEPTION",
          "NEEDS_APPROVAL",
          "CANNOT_DO",
          "NOT_APPLICABLE",
          "ESCALATE",
          "NEED_INFO");

  /**
   * Within this agent's own authority.
   *
   * @param upTo the most the agent may give when the action names no amount, if capped
   */
  record CanDo(
      Action action,
      Optional<BigDecimal> amount,
      Optional<BigDecimal> upTo,
      String reason,
      String policy,
      Trace trace)
      implements Decision {}

  /** Allowed because a policy exception applies, which is cited. */
  record CanDoByException(
      Action action,
      Optional<BigDecimal> amount,
      Optional<BigDecimal> upTo,
      String exceptionId,
      String reason,
      String policy,
      Trace trace)
      implements Decision {}

  /**
   * Beyond this agent's limit, budget or the normal rule: who approves, and what the agent may do
   * now on their own.
   *
   * @param approverRole the id of the role that can approve it
   * @param canDoNow the most the agent may give now within their own limit and budget, if any
   */
  record NeedsApproval(
      Action action,
      Optional<BigDecimal> amount,
      String approverRole,
      String approverLabel,
      Optional<BigDecimal> canDoNow,
      String reason,
      String policy,
      Trace trace)
      implements Decision {}

  /**
   * The policy says no for this case and no role may approve it: say so kindly, and offer what the
   * play offers instead.
   *
   * @param instead the alternatives the play offers, in its order
   */
  record CannotDo(
      Action action,
      Optional<BigDecimal> amount,
      java.util.List<Instead> instead,
      String reason,
      String policy,
      Trace trace)
      implements Decision {
    public CannotDo {
      instead = java.util.List.copyOf(instead);
    }
  }

  /** Something to offer the customer in place of a firm no. */
  sealed interface Instead {
    /** Another action of the same play (its own decision is in the same answer). */
    record OtherAction(String actionId, String label) implements Instead {}

    /** Words to use with the customer. */
    record Say(String words) implements Instead {}
  }

  /** The action's own precondition does not hold in this case, so it is not on the table. */
  record NotApplicable(
      Action action, Optional<BigDecimal> amount, String reason, String policy, Trace trace)
      implements Decision {}

  /** Out of the agent's hands: a guardrail or trigger fired, or nobody may decide it alone. */
  record Escalate(
      Action action,
      Optional<BigDecimal> amount,
      String to,
      String reason,
      String policy,
      Trace trace)
      implements Decision {}

  /** A fact that would change the verdict is unknown: which one, and the question to ask. */
  record NeedInfo(
      Action action,
      Optional<BigDecimal> amount,
      String fact,
      String question,
      String reason,
      String policy,
      Trace trace)
      implements Decision {}
}
