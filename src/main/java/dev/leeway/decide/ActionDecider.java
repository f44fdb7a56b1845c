package dev.leeway.decide;

import dev.leeway.config.ActionKind;
import dev.leeway.config.Budget;
import dev.leeway.config.Guardrail;
import dev.leeway.config.Limit;
import dev.leeway.config.Role;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSet;
import dev.leeway.facts.FactValue;
import dev.leeway.playbook.Action;
import dev.leeway.playbook.EscalationTrigger;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.PolicyException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One action's decision. The verdict is worked out by {@link #resolve}, which asks an oracle
 * whenever it meets something unknown (a condition over a missing fact, an amount or a budget's
 * usage). Exploring every answer the oracle could give shows whether the unknowns matter: if all
 * paths give the same verdict, that is the decision; otherwise the agent is asked for the first
 * unknown whose answer splits the verdicts.
 */
final class ActionDecider {

  /** More unknowns than this on one action is not a real play; ask for the first one instead. */
  private static final int MAX_PATHS = 4096;

  private final Decider decider;
  private final Play play;
  private final Decider.PlayRules rules;
  private final Action action;
  private final Role role;
  private final Condition.Env env;
  private final FactSet facts;
  private final ActionKind kind;
  private final String currency;

  /** Conditions evaluated once, in trace order. */
  private final List<Condition.Evaluated> guardrailOutcomes = new ArrayList<>();
  private final List<Condition.Evaluated> triggerOutcomes = new ArrayList<>();
  private final Condition.Evaluated ruleOutcome;
  private final List<PolicyException> exceptions;
  private final List<Condition.Evaluated> exceptionOutcomes = new ArrayList<>();
  private final List<Check> conditionChecks = new ArrayList<>();
  private final Set<String> conditionFacts = new LinkedHashSet<>();

  ActionDecider(
      Decider decider,
      Play play,
      Decider.PlayRules rules,
      Decider.Escalations escalations,
      Action action,
      Role role,
      Condition.Env env,
      FactSet facts) {
    this.decider = decider;
    this.play = play;
    this.rules = rules;
    this.action = action;
    this.role = role;
    this.env = env;
    this.facts = facts;
    this.kind = decider.kind(action.kind()).orElseThrow(() -> new IllegalStateException("unknown kind " + action.kind()));
    this.currency = amountFact().flatMap(this::money).map(FactValue.Money::currency).orElse("USD");
    // Guardrails and triggers are the play's, evaluated once for all its actions.
    guardrailOutcomes.addAll(escalations.guardrails());
    triggerOutcomes.addAll(escalations.triggers());
    conditionChecks.addAll(escalations.checks());
    conditionFacts.addAll(escalations.facts());
    if (action.when() == null || action.when().isBlank()) {
      ruleOutcome = new Condition.Evaluated(Outcome.TRUE, "no condition: always eligible", List.of());
    } else {
      ruleOutcome = rules.conditions().get(action.when()).evaluate(env);
      conditionFacts.addAll(rules.conditions().get(action.when()).facts());
      conditionChecks.add(new Check("rule", action.when(), ruleOutcome.outcome(), ruleOutcome.explanation()));
    }
    exceptions = play.exceptions().stream().filter(e -> e.allows().contains(action.id())).toList();
    for (PolicyException exception : exceptions) {
      Condition.Evaluated e = rules.conditions().get(exception.when()).evaluate(env);
      conditionFacts.addAll(rules.conditions().get(exception.when()).facts());
      exceptionOutcomes.add(e);
      conditionChecks.add(new Check("exception " + exception.id(), exception.when(), e.outcome(), e.explanation()));
    }
  }

  Decision decide() {
    Node tree = explore(new ArrayList<>(), new int[] {0});
    Set<String> verdicts = tree.verdicts();
    if (verdicts.size() == 1) {
      return tree.first();
    }
    Unknown deciding = decidingUnknown(tree);
    String fact = deciding.facts().get(0);
    String question = question(fact);
    String reason =
        "Depends on "
            + Condition.label(fact)
            + ", which is not known yet: "
            + deciding.description()
            + ". Ask: "
            + question;
    return new Decision.NeedInfo(action, knownAmount(), fact, question, reason, action.policy(), trace(conditionChecks));
  }

  /**
   * The first unknown, in the order the rules meet them, whose answer can change the verdict:
   * for some answers to the others, flipping it alone gives a different verdict. An unknown met
   * early whose answer never matters on its own is not asked.
   */
  private static Unknown decidingUnknown(Node tree) {
    List<Path> paths = new ArrayList<>();
    List<Unknown> order = new ArrayList<>();
    collect(tree, new LinkedHashMap<>(), paths, order);
    for (Unknown candidate : order) {
      for (Path a : paths) {
        Boolean mine = a.answers().get(candidate.key());
        if (mine == null || mine) {
          continue;
        }
        for (Path b : paths) {
          if (Boolean.TRUE.equals(b.answers().get(candidate.key()))
              && !a.verdict().equals(b.verdict())
              && agreeElsewhere(a.answers(), b.answers(), candidate.key())) {
            return candidate;
          }
        }
      }
    }
    return order.get(0);
  }

  /** One way the unknowns can turn out (only those the rules asked about), and its verdict. */
  private record Path(Map<String, Boolean> answers, String verdict) {}

  private static void collect(Node node, Map<String, Boolean> answers, List<Path> paths, List<Unknown> order) {
    switch (node) {
      case Leaf leaf -> paths.add(new Path(Map.copyOf(answers), signature(leaf.decision())));
      case Branch branch -> {
        if (order.stream().noneMatch(u -> u.key().equals(branch.unknown().key()))) {
          order.add(branch.unknown());
        }
        answers.put(branch.unknown().key(), false);
        collect(branch.ifFalse(), answers, paths, order);
        answers.put(branch.unknown().key(), true);
        collect(branch.ifTrue(), answers, paths, order);
        answers.remove(branch.unknown().key());
      }
    }
  }

  /** Whether two partial answers could be the same situation apart from {@code except}. */
  private static boolean agreeElsewhere(Map<String, Boolean> a, Map<String, Boolean> b, String except) {
    for (Map.Entry<String, Boolean> entry : a.entrySet()) {
      if (entry.getKey().equals(except)) {
        continue;
      }
      Boolean other = b.get(entry.getKey());
      if (other != null && !other.equals(entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  // ---- exploring the unknowns ----

  /** Something resolve needs but the facts do not settle; facts lists the missing ones in order. */
  record Unknown(String key, String description, List<String> facts) {}

  private sealed interface Node {
    Set<String> verdicts();

    Decision first();
  }

  private record Leaf(Decision decision) implements Node {
    @Override
    public Set<String> verdicts() {
      return Set.of(signature(decision));
    }

    @Override
    public Decision first() {
      return decision;
    }
  }

  private record Branch(Unknown unknown, Node ifFalse, Node ifTrue) implements Node {
    @Override
    public Set<String> verdicts() {
      Set<String> all = new LinkedHashSet<>(ifFalse.verdicts());
      all.addAll(ifTrue.verdicts());
      return all;
    }

    @Override
    public Decision first() {
      return ifFalse.first();
    }
  }

  /**
   * Two decisions agree when they send the agent the same way: the same approver, the same team,
   * or "go ahead" — whether by the rule or by an exception, the agent may act, so asking which
   * would only cost the customer time.
   */
  static String signature(Decision d) {
    return switch (d) {
      case Decision.NeedsApproval n -> "NEEDS_APPROVAL:" + n.approverRole();
      case Decision.Escalate e -> "ESCALATE:" + e.to();
      case Decision.CanDo c -> "CAN_DO";
      case Decision.CanDoByException c -> "CAN_DO";
      default -> d.kind();
    };
  }

  private Node explore(List<Boolean> answers, int[] paths) {
    Oracle oracle = new Oracle(answers);
    try {
      return new Leaf(resolve(oracle));
    } catch (NeedAnswer need) {
      if (++paths[0] > MAX_PATHS) {
        return new Branch(need.unknown, new Leaf(ask(need.unknown)), new Leaf(ask(need.unknown)));
      }
      List<Boolean> no = new ArrayList<>(answers);
      no.add(false);
      List<Boolean> yes = new ArrayList<>(answers);
      yes.add(true);
      return new Branch(need.unknown, explore(no, paths), explore(yes, paths));
    }
  }

  private Decision ask(Unknown unknown) {
    String fact = unknown.facts().get(0);
    return new Decision.NeedInfo(action, knownAmount(), fact, question(fact), unknown.description(), action.policy(), trace(conditionChecks));
  }

  /** Thrown when resolve meets an unknown beyond the answers given so far. */
  private static final class NeedAnswer extends RuntimeException {
    final Unknown unknown;

    NeedAnswer(Unknown unknown) {
      super(null, null, false, false);
      this.unknown = unknown;
    }
  }

  /** Answers unknowns in the order resolve asks them, the same answer for the same key. */
  private static final class Oracle {
    private final List<Boolean> answers;
    private final Map<String, Boolean> given = new HashMap<>();

    Oracle(List<Boolean> answers) {
      this.answers = answers;
    }

    boolean truth(Unknown unknown) {
      Boolean known = given.get(unknown.key());
      if (known != null) {
        return known;
      }
      if (given.size() >= answers.size()) {
        throw new NeedAnswer(unknown);
      }
      boolean answer = answers.get(given.size());
      given.put(unknown.key(), answer);
      return answer;
    }
  }

  // ---- the verdict ----

  private boolean holds(Condition.Evaluated evaluated, String key, String what, Oracle oracle) {
    return switch (evaluated.outcome()) {
      case TRUE -> true;
      case FALSE -> false;
      case UNKNOWN -> oracle.truth(new Unknown(key, what + " (" + evaluated.explanation() + ")", evaluated.unknownFacts()));
    };
  }

  private Decision resolve(Oracle oracle) {
    List<Check> checks = new ArrayList<>(conditionChecks);
    // A guardrail known to have fired wins outright; only then may an unknown one be asked about.
    for (Outcome pass : List.of(Outcome.TRUE, Outcome.UNKNOWN)) {
      for (int i = 0; i < guardrailOutcomes.size(); i++) {
        Guardrail g = decider.guardrails().get(i);
        if (guardrailOutcomes.get(i).outcome() == pass
            && holds(guardrailOutcomes.get(i), "guardrail:" + g.id(), "guardrail " + g.id(), oracle)) {
          return new Decision.Escalate(action, knownAmount(), g.to(), g.reason(), "Guardrail " + g.id(), trace(checks));
        }
      }
    }
    for (Outcome pass : List.of(Outcome.TRUE, Outcome.UNKNOWN)) {
      for (int i = 0; i < triggerOutcomes.size(); i++) {
        EscalationTrigger t = play.triggers().get(i);
        if (triggerOutcomes.get(i).outcome() == pass
            && holds(triggerOutcomes.get(i), "trigger:" + t.id(), "trigger " + t.id(), oracle)) {
          String reason = t.reason() != null && !t.reason().isBlank() ? t.reason() : "Trigger " + t.id() + " applies.";
          return new Decision.Escalate(action, knownAmount(), t.to(), reason, action.policy(), trace(checks));
        }
      }
    }
    Optional<Limit> limit = role.limit(kind.id());
    if (limit.isEmpty()) {
      return outsideAuthority(oracle, checks);
    }
    BigDecimal roleCap = kind.monetary() ? limit.get().maxAmount() : null;
    boolean rule = holds(ruleOutcome, "rule", "the rule " + action.when(), oracle);
    BigDecimal bestCap = null;
    boolean eligible = rule;
    if (rule) {
      if (withinCap(roleCap, oracle, checks, "your " + kindWords() + " limit")) {
        return withinBudgets(limit.get(), roleCap, null, oracle, checks);
      }
      bestCap = roleCap;
    }
    for (int i = 0; i < exceptions.size(); i++) {
      PolicyException exception = exceptions.get(i);
      if (!holds(exceptionOutcomes.get(i), "exception:" + exception.id(), "exception " + exception.id(), oracle)) {
        continue;
      }
      eligible = true;
      BigDecimal cap = raise(roleCap, exception.maxAmount());
      if (withinCap(cap, oracle, checks, "the cap under exception " + exception.id())) {
        return withinBudgets(limit.get(), cap, exception, oracle, checks);
      }
      bestCap = bestCap == null || (cap != null && cap.compareTo(bestCap) > 0) ? cap : bestCap;
    }
    if (!eligible) {
      return notEligible(oracle, checks);
    }
    return overCap(bestCap, limit.get(), oracle, checks);
  }

  private Decision outsideAuthority(Oracle oracle, List<Check> checks) {
    checks.add(new Check("authority", kind.id(), Outcome.FALSE, "'" + kind.label() + "' is not in the " + role.label() + " limits"));
    Optional<Role> approver = approverFor(oracle);
    if (approver.isPresent()) {
      return new Decision.NeedsApproval(
          action,
          knownAmount(),
          approver.get().id(),
          approver.get().label(),
          Optional.empty(),
          kind.label() + " is outside a " + lower(role.label()) + "'s authority; a " + lower(approver.get().label()) + " can approve it.",
          action.policy(),
          trace(checks));
    }
    return escalateBeyondEveryone(kind.label() + " is outside every role's authority.", checks);
  }

  /**
   * The first role up the approval chain that holds this kind and whose cap covers the amount; an
   * unknown amount is put to the oracle, since it decides who that is.
   */
  private Optional<Role> approverFor(Oracle oracle) {
    for (Role approver : decider.authority().approvalChain(role.id())) {
      Optional<Limit> theirs = approver.limit(kind.id());
      if (theirs.isEmpty()) {
        continue;
      }
      BigDecimal cap = kind.monetary() ? theirs.get().maxAmount() : null;
      if (cap == null || action.amount() == null) {
        return Optional.of(approver);
      }
      Optional<BigDecimal> amount = knownAmount();
      boolean covers =
          amount.isPresent()
              ? amount.get().compareTo(cap) <= 0
              : oracle.truth(
                  new Unknown(
                      "amount<=" + cap.toPlainString(),
                      "whether the amount is within a " + lower(approver.label()) + "'s limit of " + money(cap),
                      List.of(amountFact().orElseThrow())));
      if (covers) {
        return Optional.of(approver);
      }
    }
    return Optional.empty();
  }


  private Decision notEligible(Oracle oracle, List<Check> checks) {
    // Reached with unknowns answered "no" only when no answer would change the verdict: then the
    // rule is not known to be met, which is not the same as failing it.
    boolean ruleUnknown = ruleOutcome.outcome() == Outcome.UNKNOWN;
    boolean exceptionUnknown = exceptionOutcomes.stream().anyMatch(e -> e.outcome() == Outcome.UNKNOWN);
    StringBuilder why =
        new StringBuilder("The normal rule is " + (ruleUnknown ? "not confirmed" : "not met") + " (" + ruleOutcome.explanation() + ")");
    if (!exceptions.isEmpty()) {
      why.append(exceptionUnknown ? " and no exception is confirmed" : " and no exception applies");
      for (int i = 0; i < exceptions.size(); i++) {
        why.append(i == 0 ? " (" : "; ").append(exceptions.get(i).id()).append(": ").append(exceptionOutcomes.get(i).explanation());
      }
      why.append(")");
    }
    why.append(".");
    Optional<Role> approver = approverFor(oracle);
    if (approver.isEmpty()) {
      return escalateBeyondEveryone(why.toString(), checks);
    }
    return new Decision.NeedsApproval(
        action,
        knownAmount(),
        approver.get().id(),
        approver.get().label(),
        Optional.empty(),
        why + " A " + lower(approver.get().label()) + " can approve an exception to it.",
        action.policy(),
        trace(checks));
  }

  private Decision overCap(BigDecimal cap, Limit limit, Oracle oracle, List<Check> checks) {
    Optional<BigDecimal> amount = knownAmount();
    Optional<Role> approver = approverFor(oracle);
    if (approver.isEmpty()) {
      return escalateBeyondEveryone(
          amount.map(a -> money(a) + " is over every role's " + kindWords() + " limit.").orElse("This is over every role's limit."),
          checks);
    }
    Optional<BigDecimal> now = nowWithin(cap, limit);
    String unlessBudget =
        now.isEmpty() && positive(cap).isPresent() && budgetsUnknown(limit)
            ? " Once the account history shows the customer is within your budget, you can give up to " + money(cap) + " yourself."
            : "";
    String over =
        amount
            .map(a -> money(a) + " is over your " + kindWords() + " limit of " + money(cap))
            .orElse("This is over your " + kindWords() + " limit of " + money(cap));
    return new Decision.NeedsApproval(
        action,
        amount,
        approver.get().id(),
        approver.get().label(),
        now,
        over
            + "; a "
            + lower(approver.get().label())
            + " can approve it"
            + now.map(n -> ". You can give up to " + money(n) + " now on your own authority.").orElse(".")
            + unlessBudget,
        action.policy(),
        trace(checks));
  }

  /** Whether a budget applies whose usage is not known (so no amount can be promised yet). */
  private boolean budgetsUnknown(Limit limit) {
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget = scope == Usage.Scope.CUSTOMER ? limit.perCustomer() : limit.perAgent();
      if (budget == null) {
        continue;
      }
      if ((budget.maxCount() != null && whole(Usage.countFact(scope, kind.id())).isEmpty())
          || (budget.maxAmount() != null && remaining(scope, budget).isEmpty())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The most the agent may give now: the cap, cut to what every budget has left. Empty when a
   * budget is used up, or its usage is unknown (no promise that might overstep it).
   */
  private Optional<BigDecimal> nowWithin(BigDecimal cap, Limit limit) {
    BigDecimal most = cap;
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget = scope == Usage.Scope.CUSTOMER ? limit.perCustomer() : limit.perAgent();
      if (budget == null) {
        continue;
      }
      if (budget.maxCount() != null) {
        Optional<Long> used = whole(Usage.countFact(scope, kind.id()));
        if (used.isEmpty() || used.get() >= budget.maxCount()) {
          return Optional.empty();
        }
      }
      if (budget.maxAmount() != null) {
        Optional<BigDecimal> remaining = remaining(scope, budget);
        if (remaining.isEmpty()) {
          return Optional.empty();
        }
        most = most == null || remaining.get().compareTo(most) < 0 ? remaining.get() : most;
      }
    }
    return positive(most);
  }

  private Decision escalateBeyondEveryone(String why, List<Check> checks) {
    var path = decider.authority().escalation();
    return new Decision.Escalate(action, knownAmount(), path.to(), why + " " + path.how(), action.policy(), trace(checks));
  }

  /** Whether the amount fits under {@code cap}; a null cap, or no amount on the action, always fits. */
  private boolean withinCap(BigDecimal cap, Oracle oracle, List<Check> checks, String capWords) {
    if (cap == null || action.amount() == null) {
      return true;
    }
    Optional<BigDecimal> amount = knownAmount();
    if (amount.isPresent()) {
      boolean fits = amount.get().compareTo(cap) <= 0;
      checks.add(
          new Check(
              "limit",
              money(amount.get()) + " <= " + money(cap),
              fits ? Outcome.TRUE : Outcome.FALSE,
              money(amount.get()) + (fits ? " is within " : " is over ") + capWords + " of " + money(cap)));
      return fits;
    }
    String fact = amountFact().orElseThrow();
    return oracle.truth(
        new Unknown("amount<=" + cap.toPlainString(), "whether the amount is within " + capWords + " of " + money(cap), List.of(fact)));
  }

  private Decision withinBudgets(Limit limit, BigDecimal cap, PolicyException exception, Oracle oracle, List<Check> checks) {
    BigDecimal upTo = action.amount() == null ? cap : null;
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget = scope == Usage.Scope.CUSTOMER ? limit.perCustomer() : limit.perAgent();
      if (budget == null) {
        continue;
      }
      Optional<Decision> over = overBudget(scope, budget, cap, limit, oracle, checks);
      if (over.isPresent()) {
        return over.get();
      }
      Optional<BigDecimal> remaining = remaining(scope, budget);
      if (action.amount() == null && remaining.isPresent()) {
        upTo = upTo == null || remaining.get().compareTo(upTo) < 0 ? remaining.get() : upTo;
      }
    }
    Optional<BigDecimal> amount = knownAmount();
    Optional<BigDecimal> limitIfNoAmount = kind.monetary() ? Optional.ofNullable(upTo) : Optional.empty();
    String upToWords = limitIfNoAmount.map(u -> " You can give up to " + money(u) + ".").orElse("");
    if (exception == null) {
      String reason =
          amount.filter(a -> cap != null).map(a -> money(a) + " is within your " + kindWords() + " limit of " + money(cap) + ".").orElse("Within your authority.")
              + (ruleOutcome.explanation().startsWith("no condition") ? "" : " The rule is met: " + ruleOutcome.explanation() + ".")
              + upToWords;
      return new Decision.CanDo(action, amount, limitIfNoAmount, reason.strip(), action.policy(), trace(checks));
    }
    int index = exceptions.indexOf(exception);
    String because =
        exception.description() != null && !exception.description().isBlank()
            ? exception.description().strip()
            : exceptionOutcomes.get(index).explanation();
    String reason =
        "Allowed by exception "
            + exception.id()
            + ": "
            + because
            + " ("
            + exceptionOutcomes.get(index).explanation()
            + ")."
            + amount.filter(a -> cap != null).map(a -> " " + money(a) + " is within the cap of " + money(cap) + ".").orElse("")
            + upToWords;
    String policy = exception.policy() != null && !exception.policy().isBlank() ? exception.policy() : action.policy();
    return new Decision.CanDoByException(action, amount, limitIfNoAmount, exception.id(), reason, policy, trace(checks));
  }

  private Optional<Decision> overBudget(
      Usage.Scope scope, Budget budget, BigDecimal cap, Limit limit, Oracle oracle, List<Check> checks) {
    String whose = scope == Usage.Scope.CUSTOMER ? "this customer" : "you";
    String period = "in the last " + budget.periodDays() + (budget.periodDays() == 1 ? " day" : " days");
    String subject = scope == Usage.Scope.CUSTOMER ? "customer budget" : "agent budget";
    String countFact = Usage.countFact(scope, kind.id());
    if (budget.maxCount() != null) {
      Optional<Long> used = whole(countFact);
      boolean fits;
      if (budget.maxCount() == 0) {
        fits = false; // nothing allowed, whatever has been used
        checks.add(new Check(subject, "0 allowed", Outcome.FALSE, "no " + kindWords() + " is allowed " + period));
      } else if (used.isPresent()) {
        fits = used.get() < budget.maxCount();
        checks.add(
            new Check(
                subject,
                used.get() + " < " + budget.maxCount(),
                fits ? Outcome.TRUE : Outcome.FALSE,
                whose + " had " + used.get() + " of " + budget.maxCount() + " allowed " + period));
      } else {
        fits =
            oracle.truth(
                new Unknown(
                    scope + ":count",
                    "whether " + whose + " had fewer than " + budget.maxCount() + " of '" + kind.label() + "' " + period,
                    List.of(countFact)));
      }
      if (!fits) {
        return Optional.of(
            budgetApproval(
                "The " + subject + " for " + kindWords() + " is used up: " + budget.maxCount() + " allowed " + period + ".",
                Optional.empty(),
                oracle,
                checks));
      }
    }
    if (budget.maxAmount() != null && kind.monetary()) {
      String totalFact = Usage.totalFact(scope, kind.id());
      Optional<BigDecimal> remaining = remaining(scope, budget);
      Optional<BigDecimal> amount = knownAmount();
      boolean fits;
      if (amount.isPresent() && action.amount() != null
          && (amount.get().signum() == 0 || amount.get().compareTo(budget.maxAmount()) > 0)) {
        // Nothing to spend, or more than the whole budget: usage cannot change the answer.
        fits = amount.get().signum() == 0;
        checks.add(
            new Check(
                subject,
                money(amount.get()) + " <= " + money(budget.maxAmount()),
                fits ? Outcome.TRUE : Outcome.FALSE,
                money(amount.get()) + (fits ? " uses none of " : " is more than the whole ") + money(budget.maxAmount()) + " " + subject + " " + period));
      } else if (remaining.isPresent() && (amount.isPresent() || action.amount() == null)) {
        BigDecimal needed = amount.orElse(BigDecimal.ZERO);
        fits = action.amount() == null ? remaining.get().signum() > 0 : needed.compareTo(remaining.get()) <= 0;
        checks.add(
            new Check(
                subject,
                money(needed) + " <= " + money(remaining.get()) + " left",
                fits ? Outcome.TRUE : Outcome.FALSE,
                money(remaining.get()) + " of " + money(budget.maxAmount()) + " left for " + whose + " " + period));
      } else {
        List<String> missing = new ArrayList<>();
        if (action.amount() != null && amount.isEmpty()) {
          missing.add(amountFact().orElseThrow());
        }
        if (remaining.isEmpty()) {
          missing.add(totalFact);
        }
        fits =
            oracle.truth(
                new Unknown(
                    scope + ":amount",
                    "whether the amount fits the " + money(budget.maxAmount()) + " " + subject + " " + period,
                    missing));
      }
      if (!fits) {
        Optional<BigDecimal> canDo = nowWithin(cap, limit);
        return Optional.of(
            budgetApproval(
                "This would go over the " + money(budget.maxAmount()) + " " + subject + " for " + kindWords() + " " + period
                    + remaining.map(r -> " (" + money(r) + " left)").orElse("")
                    + "."
                    + canDo.map(c -> " You can give up to " + money(c) + " now on your own authority.").orElse(""),
                canDo,
                oracle,
                checks));
      }
    }
    return Optional.empty();
  }

  private Decision budgetApproval(String why, Optional<BigDecimal> canDoNow, Oracle oracle, List<Check> checks) {
    Optional<Role> approver = approverFor(oracle);
    if (approver.isEmpty()) {
      return escalateBeyondEveryone(why, checks);
    }
    return new Decision.NeedsApproval(
        action,
        knownAmount(),
        approver.get().id(),
        approver.get().label(),
        canDoNow,
        why + " A " + lower(approver.get().label()) + " can approve more.",
        action.policy(),
        trace(checks));
  }

  private Optional<BigDecimal> remaining(Usage.Scope scope, Budget budget) {
    if (budget.maxAmount() == null) {
      return Optional.empty();
    }
    return money(Usage.totalFact(scope, kind.id()))
        .map(m -> budget.maxAmount().subtract(m.amount()).max(BigDecimal.ZERO));
  }

  // ---- facts ----

  private Optional<String> amountFact() {
    return action.amountFact();
  }

  /** The action's amount: fixed, or from its money fact when that is known. */
  private Optional<BigDecimal> knownAmount() {
    if (action.fixedAmount().isPresent()) {
      return action.fixedAmount();
    }
    return amountFact().flatMap(this::money).map(FactValue.Money::amount);
  }

  private Optional<FactValue.Money> money(String fact) {
    return facts.get(fact).map(Fact::value).filter(FactValue.Money.class::isInstance).map(FactValue.Money.class::cast);
  }

  private Optional<Long> whole(String fact) {
    return facts.get(fact).map(Fact::value).filter(FactValue.Whole.class::isInstance).map(v -> ((FactValue.Whole) v).value());
  }

  private String question(String fact) {
    FactSpec spec = rules.specs().get(fact);
    if (spec != null && spec.question() != null && !spec.question().isBlank()) {
      return spec.question();
    }
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget = role.limit(kind.id()).map(l -> scope == Usage.Scope.CUSTOMER ? l.perCustomer() : l.perAgent()).orElse(null);
      int period = budget == null ? 0 : budget.periodDays();
      if (fact.equals(Usage.countFact(scope, kind.id()))) {
        return Usage.question(scope, kind, false, period);
      }
      if (fact.equals(Usage.totalFact(scope, kind.id()))) {
        return Usage.question(scope, kind, true, period);
      }
    }
    return "What is the " + Condition.label(fact) + "?";
  }

  private Trace trace(List<Check> checks) {
    Map<String, Fact> used = new LinkedHashMap<>();
    for (String name : conditionFacts) {
      Fact fact = env.facts().get(name);
      if (fact != null) {
        used.put(name, fact);
      }
    }
    amountFact().flatMap(facts::get).ifPresent(f -> used.putIfAbsent(f.name(), f));
    for (Usage.Scope scope : Usage.Scope.values()) {
      facts.get(Usage.countFact(scope, kind.id())).ifPresent(f -> used.putIfAbsent(f.name(), f));
      facts.get(Usage.totalFact(scope, kind.id())).ifPresent(f -> used.putIfAbsent(f.name(), f));
    }
    return new Trace(play.id(), play.version(), decider.content().version(), role.id(), List.copyOf(used.values()), checks);
  }

  // ---- words ----

  private String kindWords() {
    return lower(kind.label());
  }

  private String money(BigDecimal amount) {
    return amount == null ? "no cap" : new FactValue.Money(amount, currency).display();
  }

  private static Optional<BigDecimal> positive(BigDecimal amount) {
    return amount != null && amount.signum() > 0 ? Optional.of(amount) : Optional.empty();
  }

  private static BigDecimal raise(BigDecimal roleCap, BigDecimal exceptionCap) {
    if (roleCap == null || exceptionCap == null) {
      return roleCap;
    }
    return roleCap.max(exceptionCap);
  }

  private static String lower(String label) {
    return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
  }

  @Override
  public String toString() {
    return "ActionDecider[" + play.id() + "/" + action.id() + " for " + Objects.requireNonNull(role).id() + "]";
  }
}
